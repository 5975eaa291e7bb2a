namespace CallCenter.Actors;

/// <summary>
/// What an entity decided in answer to one command: events to persist (in order), messages to
/// other entities to send once they are persisted, and the reply for whoever asked.
/// </summary>
public sealed record Decision<TEvent>(IReadOnlyList<TEvent> Events, IReadOnlyList<IProtocolMessage> Messages, object? Reply)
{
    public static Decision<TEvent> Nothing { get; } = new([], [], null);

    public static Decision<TEvent> Accept(string entityId, IReadOnlyList<TEvent>? events = null, IReadOnlyList<IProtocolMessage>? messages = null) =>
        new(events ?? [], messages ?? [], new CommandAccepted(entityId));

    public static Decision<TEvent> Reject(string entityId, string reason) => new([], [], new CommandRejected(entityId, reason));

    public static Decision<TEvent> Send(params IProtocolMessage[] messages) => new([], messages, null);
}

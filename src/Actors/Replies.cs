namespace CallCenter.Actors;

/// <summary>A command was accepted by the entity named.</summary>
public sealed record CommandAccepted(string EntityId) : IProtocolMessage;

/// <summary>A command was refused; <see cref="Reason"/> says why, in words an API client can show.</summary>
public sealed record CommandRejected(string EntityId, string Reason) : IProtocolMessage;

/// <summary>Who ended or acted on a call.</summary>
public enum CallParty
{
    Caller,
    Agent,
    System,
}

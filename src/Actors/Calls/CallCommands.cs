namespace CallCenter.Actors.Calls;

/// <summary>Something a call's entity is told or asked.</summary>
public interface ICallCommand : ICallMessage;

/// <summary>A call arrives for a queue (from the gateway, or a virtual call through the API).</summary>
public sealed record StartCall(
    CallId CallId,
    string From,
    string To,
    QueueId QueueId,
    int Priority,
    IReadOnlyDictionary<string, int> RequiredSkills,
    IReadOnlyDictionary<string, string> Variables) : ICallCommand;

/// <summary>The agent holding a reservation for this call answered it.</summary>
public sealed record AgentAnswered(CallId CallId, AgentId AgentId) : ICallCommand;

/// <summary>One side hangs up (or the system ends the call).</summary>
public sealed record HangUpCall(CallId CallId, CallParty By) : ICallCommand;

/// <summary>The agent records how the call went.</summary>
public sealed record SetCallDisposition(CallId CallId, AgentId AgentId, string Disposition, string? Notes) : ICallCommand;

/// <summary>Asks for the call's state; answered with <see cref="CallView"/>.</summary>
public sealed record GetCall(CallId CallId) : ICallCommand;

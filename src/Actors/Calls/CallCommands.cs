using System.Text.Json.Serialization;

namespace CallCenter.Actors.Calls;

/// <summary>Something a call's entity is told or asked.</summary>
public interface ICallCommand : ICallMessage;

/// <summary>
/// A call arrives (from the gateway, or a virtual call through the API) for a queue, or for an IVR <see cref="Flow"/>
/// (exactly one of the two), which may send it to a queue later. <see cref="TraceParent"/> (W3C) is the trace the
/// call's spans join, wherever its entity runs.
/// </summary>
public sealed record StartCall(
    CallId CallId,
    string From,
    string To,
    QueueId? QueueId,
    int Priority,
    IReadOnlyDictionary<string, int> RequiredSkills,
    IReadOnlyDictionary<string, string> Variables,
    string? Gateway = null,
    string? Flow = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null) : ICallCommand
{
    /// <summary>A call with SIP legs (it came through a gateway) can only go to an agent whose phone is registered.</summary>
    public bool NeedsPhone => Gateway is not null;
}

/// <summary>
/// The agent holding a reservation for this call answered it: its <see cref="Reservation"/>th, for the call's stay
/// <see cref="Transfers"/> (0 and 0 from an agent that did not number its reservations).
/// </summary>
public sealed record AgentAnswered(
    CallId CallId,
    AgentId AgentId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Reservation = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Transfers = 0) : ICallCommand;

/// <summary>
/// One side hangs up (or the system ends the call). <see cref="Agent"/>: which agent, when an agent's entity says so, and
/// <see cref="Reservation"/> on which of its reservations for the call.
/// </summary>
public sealed record HangUpCall(CallId CallId, CallParty By, AgentId? Agent = null, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Reservation = 0) : ICallCommand;

/// <summary>
/// The agent talking on the call hands it blind to another queue (a REFER from their phone, or the desktop).
/// With <see cref="ToAgent"/> (a REFER to another agent) the call waits in <see cref="ToQueue"/>, one of that
/// agent's queues, for that agent only.
/// </summary>
public sealed record TransferCall(CallId CallId, AgentId By, QueueId ToQueue, AgentId? ToAgent = null) : ICallCommand;

/// <summary>
/// The agent talking on the call hands it blind to an outside <see cref="Number"/>: the call ends for the center
/// (completed by the agent), and the gateway keeps the caller bridged to the outside party on its own.
/// </summary>
/// <remarks>
/// From the agent's phone the gateway has already called the number (the call is asked once it answered); from the
/// desktop (<see cref="Dial"/>) it has not, and a call with SIP legs tells its gateway to bridge the caller out.
/// </remarks>
public sealed record TransferCallOut(
    CallId CallId,
    AgentId By,
    string Number,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Dial = false) : ICallCommand;

/// <summary>The agent talking on the call puts the caller on hold (the desktop's button): the caller hears music, the legs are apart.</summary>
public sealed record HoldCall(CallId CallId, AgentId By) : ICallCommand;

/// <summary>The agent who put the call on hold takes it back: caller and agent talk again.</summary>
public sealed record ResumeCall(CallId CallId, AgentId By) : ICallCommand;

/// <summary>The agent records how the call went.</summary>
public sealed record SetCallDisposition(CallId CallId, AgentId AgentId, string Disposition, string? Notes) : ICallCommand;

/// <summary>Asks for the call's state; answered with <see cref="CallView"/>.</summary>
public sealed record GetCall(CallId CallId) : ICallCommand;

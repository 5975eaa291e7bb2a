namespace CallCenter.Actors.Calls;

/// <summary>
/// What a call's entity tells the gateway node that holds the call's SIP legs. <see cref="Gateway"/> is the
/// Akka path (with address) of that node's gateway actor, as the call was started with.
/// </summary>
public interface IGatewayMessage : IProtocolMessage
{
    string Gateway { get; }

    CallId CallId { get; }
}

/// <summary>The agent was reserved for the call: ring their phone at <see cref="Contact"/>.</summary>
public sealed record RingAgent(string Gateway, CallId CallId, AgentId AgentId, string Contact) : IGatewayMessage;

/// <summary>
/// The agent answered and the call accepted them: answer the caller (if the IVR has not), stop what they hear, bridge
/// the legs; with <see cref="Record"/>, record both sides until the agent leaves (then <see cref="CallRecorded"/>).
/// </summary>
public sealed record ConnectAgent(string Gateway, CallId CallId, AgentId AgentId, bool Record = false) : IGatewayMessage;

/// <summary>
/// The agent is no longer part of the call (the offer was withdrawn, or the call was transferred): end
/// their leg whatever its state (CANCEL while it rings, BYE once answered); the caller stays.
/// </summary>
public sealed record DisconnectAgent(string Gateway, CallId CallId, AgentId AgentId, string Reason) : IGatewayMessage;

/// <summary>
/// The agent took the caller off hold (media command <see cref="Seq"/>, after the <see cref="HoldCaller"/> that held
/// them): stop the music and bridge the caller and the agent's leg again.
/// </summary>
public sealed record ReconnectAgent(string Gateway, CallId CallId, AgentId AgentId, int Seq) : IGatewayMessage;

/// <summary>The call is over: end every leg that is still up.</summary>
public sealed record ReleaseCall(string Gateway, CallId CallId, string Reason) : IGatewayMessage;

/// <summary>The call's entity asks its gateway whether it still holds the call's legs (a gateway that restarted does not).</summary>
public sealed record CheckLegs(string Gateway, CallId CallId) : IGatewayMessage;

/// <summary>The gateway's answer to <see cref="CheckLegs"/>: with no legs held, the call is over.</summary>
public sealed record LegsChecked(CallId CallId, bool Held) : ICallMessage;

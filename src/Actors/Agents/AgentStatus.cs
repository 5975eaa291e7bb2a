namespace CallCenter.Actors.Agents;

/// <summary>Where an agent is in their working day.</summary>
public enum AgentStatus
{
    LoggedOut,
    NotReady,
    Ready,
    Reserved,
    OnCall,
    WrapUp,
}

/// <summary>The states an agent (or a supervisor on their behalf) may ask for.</summary>
public enum RequestedStatus
{
    Ready,
    NotReady,
    LoggedOut,
}

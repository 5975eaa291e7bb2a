using System.Security.Claims;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Node.Entities;

namespace CallCenter.Node.Auth;

/// <summary>Who is asking: an agent of the definition in force, or the API key (an admin with no agent).</summary>
public sealed record Caller(string Name, AgentDefinition? Agent, bool IsAdmin)
{
    public bool IsSupervisor => Agent?.Role == AgentRole.Supervisor;

    public bool Serves(string queue) => Agent?.Queues.Contains(queue) == true;
}

/// <summary>
/// Who may do what, decided per request from the definition in force (<see cref="ContactCenterDirectory"/>),
/// so that a changed role or queue applies to the next request, not the next sign-in:
/// an agent reads and acts on itself, reads its own queues and the calls offered to it; a supervisor also
/// reads the agents who serve any of its queues, forces them not-ready (reason <c>supervisor</c>) or logged out,
/// reads its queues' calls and edits customers; an admin, or the API key, may do everything.
/// </summary>
public sealed class AccessRules(ContactCenterDirectory directory)
{
    /// <summary>The role claim of the API key; agents' roles are read from the definition on each request.</summary>
    public const string AdminRole = "admin";

    /// <summary><c>agent</c>, <c>supervisor</c> or <c>admin</c>, as the definition and the session body spell it.</summary>
    public static string RoleName(AgentRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The caller, or null when signed out or signed in as an agent the definition no longer has.</summary>
    public Caller? Who(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } identity)
            return null;
        if (identity.AuthenticationType == AuthSchemes.ApiKey)
            return new Caller(AuthSchemes.ApiKeyUser, null, IsAdmin: true);
        return user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && directory.Agent(id) is { } agent
            ? new Caller(agent.Id, agent, agent.Role == AgentRole.Admin)
            : null;
    }

    public bool IsAdmin(ClaimsPrincipal user) => Who(user)?.IsAdmin == true;

    /// <summary>Supervisors and admins: editing customers.</summary>
    public bool MaySupervise(ClaimsPrincipal user) => Who(user) is { } caller && (caller.IsAdmin || caller.IsSupervisor);

    /// <summary>Answer, reject, hang up, wrap up, hold, resume, transfer: the agent itself, or an admin.</summary>
    public bool MayActAs(ClaimsPrincipal user, string agentId) =>
        Who(user) is { } caller && (caller.IsAdmin || caller.Agent?.Id == agentId);

    public bool MayReadAgent(ClaimsPrincipal user, string agentId) =>
        Who(user) is { } caller && (caller.IsAdmin || caller.Agent?.Id == agentId || Supervises(caller, agentId));

    /// <summary>
    /// The agent itself or an admin: any state. A supervisor, for an agent serving one of its queues: only
    /// not-ready with reason <c>supervisor</c>, or logged-out.
    /// </summary>
    public bool MaySetState(ClaimsPrincipal user, string agentId, RequestedStatus status, string? reason)
    {
        if (Who(user) is not { } caller)
            return false;
        if (caller.IsAdmin || caller.Agent?.Id == agentId)
            return true;
        var forced = status == RequestedStatus.LoggedOut
            || (status == RequestedStatus.NotReady && reason == NotReadyReasonCodes.Supervisor);
        return forced && Supervises(caller, agentId);
    }

    public bool MayReadQueue(ClaimsPrincipal user, string queue) =>
        Who(user) is { } caller && (caller.IsAdmin || caller.Serves(queue));

    /// <summary>An agent: a call offered to or connected with it (last). A supervisor: also its queues' calls.</summary>
    public bool MayReadCall(ClaimsPrincipal user, CallView call)
    {
        if (Who(user) is not { } caller)
            return false;
        if (caller.IsAdmin || (caller.Agent is { } agent && call.AgentId?.Value == agent.Id))
            return true;
        return caller.IsSupervisor && call.QueueId is { } queue && caller.Serves(queue.Value);
    }

    private bool Supervises(Caller caller, string agentId) =>
        caller.IsSupervisor && directory.Agent(agentId) is { } agent && agent.Queues.Any(caller.Serves);
}

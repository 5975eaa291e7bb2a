using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CallCenter.Actors.Agents;

namespace CallCenter.Node.Api;

// Request bodies are read field by field (JsonBody) so that a 400 can name every bad field; these
// records are what the OpenAPI document shows for them and must follow what the handlers accept.

/// <summary>The body of <c>POST /api/calls</c>.</summary>
public sealed record CreateCallRequest(
    [property: Required, Description("A configured queue."), MaxLength(256)] string Queue,
    [property: Description("The caller; \"anonymous\" when absent."), MaxLength(256)] string? From = null,
    [property: Description("The number dialled."), MaxLength(256)] string? To = null,
    [property: Range(0, CallsApi.MaxPriority), Description("0 (normal) to 100; higher is served first.")] int? Priority = null,
    [property: Description("A list of skill names (minimum proficiency 1) or an object of skill name to minimum proficiency (1-5), added to the queue's own.")] Dictionary<string, int>? Skills = null,
    [property: Description("Names to string values the call carries.")] Dictionary<string, string>? Variables = null);

/// <summary>The body of <c>POST /api/agents/{id}/state</c>.</summary>
public sealed record SetAgentStateRequest(
    [property: Required] RequestedStatus State,
    [property: Description("A configured not-ready reason code; required when the state is not-ready."), MaxLength(256)] string? Reason = null);

/// <summary>The optional body of <c>POST /api/agents/{id}/wrapup-done</c>.</summary>
public sealed record FinishWrapUpRequest(
    [property: Required, MaxLength(64)] string Disposition,
    [property: MaxLength(4000)] string? Notes = null);

/// <summary>The body of <c>POST /api/agents/{id}/transfer</c>: exactly one of the three.</summary>
public sealed record TransferCallRequest(
    [property: Description("A configured queue: the call waits there again."), MaxLength(256)] string? Queue = null,
    [property: Description("Another agent's id: the call waits in that agent's first queue for them only."), MaxLength(256)] string? Agent = null,
    [property: Description("An outside party: a SIP URI with an IP address host, or a number (+ and digits) sent to the definition's first single-address trunk."), MaxLength(256)] string? Number = null);

/// <summary>The answer to <c>POST /api/calls</c> (201).</summary>
public sealed record CallCreated(string Id);

/// <summary>The answer to a command the entity accepted (200).</summary>
public sealed record CommandAcceptedReply(bool Accepted, string Id);

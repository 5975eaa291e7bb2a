using CallCenter.Actors;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Queues;
using CallCenter.Node.Admin;
using CallCenter.Node.Auth;
using CallCenter.Node.Definition;

namespace CallCenter.Node.Api;

/// <summary>
/// The administration API: skills, not-ready reasons, queues and agents created or replaced while the node runs.
/// Each change is checked with the definition file's rules, stored in the node's database and applied to the
/// entities before the answer (see <see cref="DefinitionAdministration"/>).
/// </summary>
public static class AdminApi
{
    /// <summary>All under one group, so that the admin rule is required of the whole API in one place.</summary>
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("admin")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireSignIn().RequireAdmin();
        admin.MapGet("/definition", (DefinitionAdministration a) => Results.Ok(AdminDefinition.Of(a.Definition)))
            .WithName("GetDefinition").WithSummary("The contact-center definition in force (file and administration changes), without passwords.")
            .Produces<AdminDefinition>();
        admin.MapPut("/skills/{name}", (string name, DefinitionAdministration a, HttpRequest r) =>
                ChangeAsync(DefinitionChange.Name(DefinitionChangeKind.Skill, name), a, r, _ => new AdminSkill(name), $"/api/admin/skills/{Uri.EscapeDataString(name)}"))
            .WithName("PutSkill").WithSummary("Adds a skill (no body); an existing skill is left as it is.")
            .Produces<AdminSkill>(StatusCodes.Status201Created).Produces<AdminSkill>()
            .ProducesValidationProblem();
        admin.MapPut("/not-ready-reasons/{code}", (string code, DefinitionAdministration a, HttpRequest r) =>
                ChangeAsync(DefinitionChange.Name(DefinitionChangeKind.NotReadyReason, code), a, r, _ => new AdminNotReadyReason(code),
                    $"/api/admin/not-ready-reasons/{Uri.EscapeDataString(code)}"))
            .WithName("PutNotReadyReason").WithSummary("Adds a not-ready reason code (no body); an existing code is left as it is.")
            .Produces<AdminNotReadyReason>(StatusCodes.Status201Created).Produces<AdminNotReadyReason>()
            .ProducesValidationProblem();
        admin.MapGet("/queues/{name}", (string name, DefinitionAdministration a) =>
                a.Definition.QueueFor(name) is { } queue ? Results.Ok(AdminQueue.Of(queue)) : Problems.NotFound("queue", name))
            .WithName("GetQueueDefinition").WithSummary("A queue's definition: strategy, skills, timings, limits, overflow, hold and recording.")
            .Produces<AdminQueue>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/queues/{name}", PutQueueAsync)
            .WithName("PutQueueDefinition").WithSummary("Creates or replaces a queue (the file's keys in camelCase JSON); in force at once.")
            .Accepts<AdminQueue>("application/json")
            .Produces<AdminQueue>(StatusCodes.Status201Created).Produces<AdminQueue>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/agents/{id}", (string id, DefinitionAdministration a) =>
                a.Definition.Agents.FirstOrDefault(x => x.Id == id) is { } agent ? Results.Ok(AdminAgent.Of(agent)) : Problems.NotFound("agent", id))
            .WithName("GetAgentDefinition").WithSummary("An agent's definition: name, site, role, skills, queues, and whether passwords are set.")
            .Produces<AdminAgent>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/agents/{id}", PutAgentAsync)
            .WithName("PutAgentDefinition").WithSummary("Creates or replaces an agent, with its web sign-in password (hashed) and phone password; in force at once.")
            .Accepts<AdminAgentRequest>("application/json")
            .Produces<AdminAgent>(StatusCodes.Status201Created).Produces<AdminAgent>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        foreach (var (path, kind, what) in Removable)
            admin.MapDelete($"/{path}/{{key}}", (string key, DefinitionAdministration a, EntityRouter e, HttpRequest r) => RemoveAsync(kind, key, a, e, r))
                .WithName($"Delete{kind}").WithSummary($"Removes a {what}; refused (409) while anything in the definition still refers to it.")
                .Produces(StatusCodes.Status204NoContent)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }

    private static readonly (string Path, DefinitionChangeKind Kind, string What)[] Removable =
    [
        ("skills", DefinitionChangeKind.Skill, "skill"),
        ("not-ready-reasons", DefinitionChangeKind.NotReadyReason, "not-ready reason"),
        ("queues", DefinitionChangeKind.Queue, "queue (its entity keeps its history)"),
        ("agents", DefinitionChangeKind.Agent, "agent (its entity keeps its history)"),
    ];

    /// <summary>
    /// 204 once removed; 409 with the reason while an agent, queue, entry point or flow still refers to it (the
    /// file's readers find the reference) or, for a queue, while calls wait in it; the platform's own reasons stay.
    /// </summary>
    private static async Task<IResult> RemoveAsync(DefinitionChangeKind kind, string key, DefinitionAdministration admin, EntityRouter router,
        HttpRequest request)
    {
        var removal = DefinitionChange.Removal(kind, key);
        if (!admin.Has(removal))
            return Problems.NotFound(removal.Noun, key);
        if (kind == DefinitionChangeKind.NotReadyReason && NotReadyReasonCodes.Platform.Contains(key))
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The change would break the definition",
                detail: $"'{key}' is a reason the platform itself sets; it cannot be removed.");
        if (kind == DefinitionChangeKind.Queue)
        {
            var (queue, problem) = await router.AskAsync<QueueView>(new GetQueue(new QueueId(key)), $"queue {key}");
            if (problem is not null)
                return problem;
            if (queue!.Waiting.Count > 0)
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The change would break the definition",
                    detail: $"Calls still wait in queue '{key}' ({queue.Waiting.Count}); remove it once they are answered or gone.");
        }
        return Answer(removal, await admin.ChangeAsync(removal, request.HttpContext.RequestAborted), _ => Results.NoContent());
    }

    private static async Task<IResult> PutQueueAsync(string name, DefinitionAdministration admin, HttpRequest request)
    {
        var (body, problem) = await JsonBody.ReadAsync(request);
        if (body is null)
            return problem!;
        return AdminBodies.Queue(body, name) is { } change
            ? await ChangeAsync(change, admin, request, d => AdminQueue.Of(d.QueueFor(name)!), $"/api/admin/queues/{Uri.EscapeDataString(name)}")
            : body.Problem();
    }

    private static async Task<IResult> PutAgentAsync(string id, DefinitionAdministration admin, HttpRequest request)
    {
        var (body, problem) = await JsonBody.ReadAsync(request);
        if (body is null)
            return problem!;
        var current = admin.Definition.Agents.FirstOrDefault(a => a.Id == id);
        return AdminBodies.Agent(body, id, current) is { } change
            ? await ChangeAsync(change, admin, request, d => AdminAgent.Of(d.Agents.First(a => a.Id == id)), $"/api/admin/agents/{Uri.EscapeDataString(id)}")
            : body.Problem();
    }

    /// <summary>200 or 201 with the stored entry.</summary>
    private static async Task<IResult> ChangeAsync<T>(DefinitionChange change, DefinitionAdministration admin, HttpRequest request,
        Func<ContactCenterDefinition, T> stored, string location) =>
        Answer(change, await admin.ChangeAsync(change, request.HttpContext.RequestAborted), applied => applied.Created
            ? Results.Created(location, stored(applied.Definition))
            : Results.Ok(stored(applied.Definition)));

    /// <summary>400 naming the change's field at fault; 409 when the rest of the definition would break; 503 before the node is ready.</summary>
    private static IResult Answer(DefinitionChange change, ChangeOutcome outcome, Func<ChangeOutcome.Applied, IResult> applied) => outcome switch
    {
        ChangeOutcome.Applied done => applied(done),
        ChangeOutcome.Refused { InChange: true } refused => Problems.BadBody(FieldOf(change, refused.Error), refused.Error.Reason),
        ChangeOutcome.Refused refused => Results.Problem(statusCode: StatusCodes.Status409Conflict,
            title: "The change would break the definition", detail: refused.Error.Message),
        ChangeOutcome.NotReady => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The node is starting", detail: "The definition is not yet applied; try again."),
        _ => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Stored, not yet applied everywhere",
            detail: $"The change is stored and in force for new requests, but not every entity accepted it within {DefinitionAdministration.ApplyTimeout.TotalSeconds:0} s."),
    };

    /// <summary>A skill's or reason's only field is its name (the URL's).</summary>
    private static string FieldOf(DefinitionChange change, DefinitionException error) =>
        error.Field is { Length: > 0 } field ? field : change.Kind is DefinitionChangeKind.NotReadyReason ? "code" : "name";
}

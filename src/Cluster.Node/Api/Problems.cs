using CallCenter.Actors;

namespace CallCenter.Node.Api;

/// <summary>The problem documents (RFC 9457) the API answers with.</summary>
public static class Problems
{
    public static IResult BadBody(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request body is not valid");

    public static IResult NotFound(string kind, string id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound, title: $"Unknown {kind}", detail: $"There is no {kind} '{id}'.",
        extensions: new Dictionary<string, object?> { ["id"] = id });

    public static IResult Refused(CommandRejected rejected) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state",
        detail: rejected.Reason, extensions: new Dictionary<string, object?> { ["id"] = rejected.EntityId });

    /// <summary>401: not signed in (no cookie, an expired one, no or a wrong key). Never a redirect.</summary>
    public static IResult SignInRequired(string detail) => Results.Problem(
        statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required", detail: detail);

    /// <summary>403: signed in, but this caller may not do this.</summary>
    public static IResult Forbidden(string detail) => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail);

    public static IResult Unavailable(string what) => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "Routing is not answering",
        detail: $"{what} did not answer in time; try again.");

    /// <summary>Maps an entity's reply to 200 (accepted) or 409 (refused, with the entity's reason).</summary>
    public static IResult FromReply(object reply) => reply switch
    {
        CommandAccepted a => Results.Ok(new CommandAcceptedReply(true, a.EntityId)),
        CommandRejected r => Refused(r),
        _ => Results.Problem(statusCode: StatusCodes.Status500InternalServerError, detail: $"unexpected reply {reply.GetType().Name}"),
    };
}

using CallCenter.Actors.Definition;
using CallCenter.Node.Auth;
using CallCenter.Node.Entities;

namespace CallCenter.Node.Api;

/// <summary>The not-ready reason codes an agent may choose from (the desktop's not-ready menu); any signed-in user may read them.</summary>
public static class ReasonsApi
{
    public const string Path = "/api/not-ready-reasons";

    public static IEndpointRouteBuilder MapReasonsApi(this IEndpointRouteBuilder app)
    {
        // The definition's own reasons only: "no-answer", "supervisor" and the like are the platform's to set.
        app.MapGroup(Path).RequireSignIn().MapGet("/", (ContactCenterDirectory directory) =>
                Results.Ok(directory.Definition.NotReadyReasons.Except(NotReadyReasonCodes.Platform).ToArray()))
            .WithTags("agents")
            .WithName("ListNotReadyReasons").WithSummary("The not-ready reason codes of the definition, in its order.")
            .Produces<string[]>();
        return app;
    }
}

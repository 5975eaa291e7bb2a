using System.Text.Json;
using Microsoft.Playwright;

namespace CallCenter.Web.Tests;

/// <summary>
/// INTERIM, until the auth branch's /api/session lands on main: answers the session routes in the browser so that
/// the pages can be driven. Removed at the merge (the tests then sign in for real).
/// </summary>
internal static class SessionStub
{
    private static readonly Dictionary<string, (string Name, string Role, string[] Queues)> Agents = new()
    {
        ["1001"] = ("Alice Smith", "agent", ["billing"]),
        ["1002"] = ("Bob Jones", "agent", ["general"]),
        ["1003"] = ("Carol White", "agent", ["support"]),
        ["1004"] = ("David Brown", "agent", ["restart"]),
        ["1005"] = ("Emma Wilson", "agent", ["sales"]),
        ["9001"] = ("Grace Hopper", "supervisor", ["billing", "sales", "support", "general"]),
    };

    public static async Task InstallAsync(IBrowserContext context, WebNode node)
    {
        if ((await node.Api.GetAsync("/api/session")).StatusCode is not (System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.MethodNotAllowed))
            return;
        string? signedIn = null;
        await context.RouteAsync("**/api/session", async route =>
        {
            if (route.Request.Method == "POST")
                signedIn = JsonDocument.Parse(route.Request.PostData!).RootElement.GetProperty("agentId").GetString();
            if (route.Request.Method == "DELETE")
                signedIn = null;
            if (signedIn is null || !Agents.TryGetValue(signedIn, out var agent))
            {
                await route.FulfillAsync(new() { Status = route.Request.Method == "DELETE" ? 204 : 401 });
                return;
            }
            var body = JsonSerializer.Serialize(new { agentId = signedIn, name = agent.Name, role = agent.Role, site = "london", queues = agent.Queues, csrfToken = "stub" });
            await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = body });
        });
    }
}

using System.Net;
using CallCenter.Node.Tests.Api;

namespace CallCenter.Node.Tests.Telemetry;

/// <summary>Whole call lives through the API, for specs that look at what they leave in the metrics.</summary>
internal static class CallLives
{
    /// <summary>Makes <paramref name="agent"/> ready, sends it a call in <paramref name="queue"/>, answers and hangs up.</summary>
    public static async Task<string> AnsweredCallAsync(this HttpClient client, string agent, string queue)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/agents/{agent}/state", new { state = "ready" })).Status);
        var call = await client.CreateCallAsync(new { queue });
        await client.EventuallyAsync($"/api/agents/{agent}", a => a.Str("status") == "reserved" && a.Str("callId") == call, "agent reserved");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/agents/{agent}/answer")).Status);
        await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("status") == "talking", "call talking");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/agents/{agent}/hangup")).Status);
        await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("status") == "ended", "call ended");
        return call;
    }

    /// <summary>A call in <paramref name="queue"/> no agent can take (skills nobody has), hung up once it waits.</summary>
    public static async Task<string> AbandonedCallAsync(this HttpClient client, string queue)
    {
        var call = await client.CreateCallAsync(new { queue, skills = new { sales = 5, spanish = 5, billing = 5 } });
        await client.EventuallyAsync("/api/queues/" + queue,
            q => q.GetProperty("waiting").EnumerateArray().Any(w => w.Str("callId") == call), "call waiting");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/calls/{call}")).Status);
        await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("status") == "ended", "call ended");
        return call;
    }
}

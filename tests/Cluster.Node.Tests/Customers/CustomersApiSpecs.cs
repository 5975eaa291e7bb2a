using System.Net;
using System.Text;
using System.Text.Json;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;

namespace CallCenter.Node.Tests.Customers;

/// <summary>The customer directory through the HTTP API of a node of one (SQLite, sample definition).</summary>
public sealed class CustomersApiSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(HttpClient client, string csv)
    {
        using var response = await client.PostAsync("/api/customers/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Api_should_answer_404_for_an_unknown_customer()
    {
        var client = await node.ReadyClientAsync();

        var (status, body) = await client.GetJsonAsync("/api/customers/+15550199999");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Unknown customer", body.Str("title"));
    }

    [Fact]
    public async Task Api_should_refuse_a_record_naming_each_bad_field()
    {
        var client = await node.ReadyClientAsync();

        var (status, body) = await client.SendAsync(HttpMethod.Put, "/api/customers/+15550100", new { name = " ", account = new string('9', 65) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body.GetProperty("errors");
        Assert.Contains("must not be empty", errors.GetProperty("name")[0].GetString());
        Assert.Contains("at most 64", errors.GetProperty("account")[0].GetString());
    }

    [Fact]
    public async Task Api_should_store_a_record_under_its_normalised_number_and_show_it()
    {
        var client = await node.ReadyClientAsync();

        var (created, _) = await client.SendAsync(HttpMethod.Put, "/api/customers/+1 (555) 0101", new { name = "Ada Example", account = "A-1", notes = "VIP" });
        var (updated, _) = await client.SendAsync(HttpMethod.Put, "/api/customers/+15550101", new { name = "Ada Example", account = "A-2" });
        var (status, body) = await client.GetJsonAsync("/api/customers/+1-555-0101");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK), (created, updated, status));
        Assert.Equal(("+15550101", "Ada Example", "A-2", ""), (body.Str("phone"), body.Str("name"), body.Str("account"), body.Str("notes")));
        Assert.Equal(0, body.GetProperty("interactions").GetArrayLength());
    }

    [Fact]
    public async Task Api_should_import_a_csv_file_and_report_bad_lines_by_number()
    {
        var client = await node.ReadyClientAsync();
        await client.SendAsync(HttpMethod.Put, "/api/customers/+15550201", new { name = "Before import" });

        var (status, body) = await ImportAsync(client, "phone,name,account,notes\n+15550201,\"Doe, Jane\",J-1,\n+15550202,Bo,,\"line one\nline two\"\nabc,Nobody,,\n");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((1, 1), (body.GetProperty("imported").GetInt32(), body.GetProperty("updated").GetInt32()));
        var rejected = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal((5, "phone must contain digits"), (rejected.GetProperty("line").GetInt32(), rejected.Str("reason")));
        Assert.Equal("Doe, Jane", (await client.GetJsonAsync("/api/customers/+15550201")).Body.Str("name"));
        Assert.Equal("line one\nline two", (await client.GetJsonAsync("/api/customers/+15550202")).Body.Str("notes"));
    }

    [Fact]
    public async Task Api_should_refuse_a_csv_file_without_its_header()
    {
        var client = await node.ReadyClientAsync();

        var (status, body) = await ImportAsync(client, "+15550301,Jane,,\n");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("header", body.Str("detail"));
    }

    [Fact]
    public async Task Api_should_keep_an_ended_call_with_its_disposition_and_agent_in_the_callers_history()
    {
        var client = await node.ReadyClientAsync();
        await client.SendAsync(HttpMethod.Put, "/api/customers/+34911000077", new { name = "Lucía Ejemplo", account = "ES-77" });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/2001/state", new { state = "ready" })).Status);
        var call = await client.CreateCallAsync(new { from = "+34 911 000 077", to = "900", queue = "spanish" });
        await client.EventuallyAsync("/api/agents/2001", a => a.Str("status") == "reserved" && a.Str("callId") == call, "agent reserved");
        await client.PostAsync("/api/agents/2001/answer");
        await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("status") == "talking", "talking");
        await client.PostAsync("/api/agents/2001/hangup");
        await client.EventuallyAsync("/api/agents/2001", a => a.Str("status") == "wrap-up", "wrap-up");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/2001/wrapup-done", new { disposition = "resolved", notes = "new card sent" })).Status);

        var record = await client.EventuallyAsync("/api/customers/+34911000077",
            c => c.GetProperty("interactions").EnumerateArray().Any(i => i.Str("callId") == call && i.Str("disposition") == "resolved"), "interaction with disposition");
        var interaction = record.GetProperty("interactions").EnumerateArray().Single(i => i.Str("callId") == call);
        Assert.Equal(("2001", "completed", "spanish", "new card sent"),
            (interaction.Str("agentId"), interaction.Str("outcome"), interaction.Str("queue"), interaction.Str("notes")));
        Assert.NotEqual("", interaction.Str("endedAt"));
        var history = (await client.GetJsonAsync("/api/customers/+34911000077/interactions")).Body;
        Assert.Contains(history.EnumerateArray(), i => i.Str("callId") == call);
    }
}

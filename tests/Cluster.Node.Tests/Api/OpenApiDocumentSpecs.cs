using System.Net;
using System.Text.Json;
using CallCenter.Node.Api;
using CallCenter.Node.Tests.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Node.Tests.Api;

/// <summary>The OpenAPI document at /openapi/v1.json describes every route the node maps, as it answers.</summary>
public sealed class OpenApiDocumentSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    private static readonly string[] OperationKeys = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private async Task<JsonElement> DocumentAsync()
    {
        var (status, document) = await node.CreateClient().GetJsonAsync(ApiDocument.Path);
        Assert.Equal(HttpStatusCode.OK, status);
        return document;
    }

    private static string Normalize(string path) => "/" + path.Trim('/');

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from item in path.Value.EnumerateObject()
        where OperationKeys.Contains(item.Name)
        select (path.Name, item.Name, item.Value);

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        Operations(document).Single(o => Normalize(o.Path) == path && o.Method == method).Operation;

    /// <summary>Follows a <c>$ref</c> to <c>#/components/schemas/...</c>.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    [Fact]
    public async Task Document_should_be_OpenAPI_3_titled_CallCenter()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Equal("CallCenter", document.GetProperty("info").GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(document.GetProperty("info").GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Document_should_list_every_route_the_node_maps()
    {
        var document = await DocumentAsync();
        var documented = Operations(document).Select(o => $"{o.Method.ToUpperInvariant()} {Normalize(o.Path)}").ToHashSet();

        var mapped = node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .ToList();

        Assert.Contains("POST /api/calls", mapped);
        Assert.Contains("GET /health/ready", mapped);
        Assert.Equal([], mapped.Except(documented).ToList());
        Assert.Equal(mapped.Count, documented.Count);
    }

    [Fact]
    public async Task Every_operation_should_have_an_operation_id_a_summary_and_a_tag()
    {
        var document = await DocumentAsync();

        var operations = Operations(document).ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace(o.Operation.Str("operationId")), $"{o.Method} {o.Path} has no operationId");
            Assert.False(string.IsNullOrWhiteSpace(o.Operation.Str("summary")), $"{o.Method} {o.Path} has no summary");
            Assert.Contains(o.Operation.GetProperty("tags")[0].GetString(), new[] { "session", "calls", "agents", "queues", "customers", "health", "admin" });
        });
        Assert.Equal(operations.Count, operations.Select(o => o.Operation.Str("operationId")).Distinct().Count());
    }

    [Fact]
    public async Task Create_call_request_schema_should_have_the_fields_the_API_accepts()
    {
        var document = await DocumentAsync();

        var body = Operation(document, "/api/calls", "post").GetProperty("requestBody");
        var schema = Resolve(document, body.GetProperty("content").GetProperty("application/json").GetProperty("schema"));

        var properties = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["from", "priority", "queue", "skills", "to", "variables"], properties);
        Assert.Equal(["queue"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        var priority = schema.GetProperty("properties").GetProperty("priority");
        Assert.Equal(CallsApi.MaxPriority, priority.GetProperty("maximum").GetInt32());
        Assert.Equal(2, schema.GetProperty("properties").GetProperty("skills").GetProperty("oneOf").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/calls", "post")]
    [InlineData("/api/agents/{id}/state", "post")]
    [InlineData("/api/agents/{id}/wrapup-done", "post")]
    [InlineData("/api/agents/{id}/transfer", "post")]
    public async Task Operations_that_validate_a_body_should_declare_a_400_problem(string path, string method)
    {
        var document = await DocumentAsync();

        var badRequest = Operation(document, path, method).GetProperty("responses").GetProperty("400");

        Assert.True(badRequest.GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task Every_operation_with_a_body_should_declare_a_400_problem()
    {
        var document = await DocumentAsync();

        Assert.All(Operations(document).Where(o => o.Operation.TryGetProperty("requestBody", out _)),
            o => Assert.True(o.Operation.GetProperty("responses").TryGetProperty("400", out _), $"{o.Method} {o.Path} declares no 400"));
    }

    [Fact]
    public async Task Enums_should_appear_in_kebab_case_as_the_API_writes_them()
    {
        var document = await DocumentAsync();

        var call = Resolve(document, Operation(document, "/api/calls/{id}", "get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var status = Resolve(document, call.GetProperty("properties").GetProperty("status"));

        Assert.Equal(["unknown", "in-ivr", "queued", "offered", "talking", "ended"], status.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Typed_ids_should_appear_as_the_strings_the_API_writes()
    {
        var document = await DocumentAsync();

        var agent = Resolve(document, Operation(document, "/api/agents/{id}", "get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var properties = agent.GetProperty("properties");

        Assert.Equal("string", Resolve(document, properties.GetProperty("agentId")).Str("type"));
        Assert.Equal("string", properties.GetProperty("queues").GetProperty("items").Str("type"));
    }

    [Fact]
    public async Task Document_should_describe_the_key_and_the_session_cookie_and_require_them_below_api()
    {
        var document = await DocumentAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (schemes.GetProperty("api-key").Str("type"), schemes.GetProperty("api-key").Str("in"), schemes.GetProperty("api-key").Str("name")));
        Assert.Equal(("apiKey", "cookie", "callcenter.session"), (schemes.GetProperty("cookie").Str("type"), schemes.GetProperty("cookie").Str("in"), schemes.GetProperty("cookie").Str("name")));
        var required = Operation(document, "/api/agents/{id}", "get").GetProperty("security").EnumerateArray()
            .SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList();
        Assert.Equal(["api-key", "cookie"], required);
        Assert.False(Operation(document, "/api/session", "post").TryGetProperty("security", out _));
        Assert.False(Operation(document, "/health/ready", "get").TryGetProperty("security", out _));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CallCenter.Node.Tests.Api;

/// <summary>Small helpers over the node's JSON API, as a client would use it.</summary>
internal static class ApiClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
            request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null)
            request.Content = JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(this HttpClient client, string path, object? body = null) =>
        client.SendAsync(HttpMethod.Post, path, body);

    public static Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(this HttpClient client, string path) =>
        client.SendAsync(HttpMethod.Get, path);

    public static async Task<string> CreateCallAsync(this HttpClient client, object body)
    {
        var (status, json) = await client.PostAsync("/api/calls", body);
        Assert.Equal(HttpStatusCode.Created, status);
        return json.GetProperty("id").GetString()!;
    }

    /// <summary>Polls until <paramref name="path"/> answers a body for which <paramref name="condition"/> holds.</summary>
    public static async Task<JsonElement> EventuallyAsync(this HttpClient client, string path, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var (status, body) = await client.GetJsonAsync(path);
            if (status == HttpStatusCode.OK && condition(body))
                return body;
            last = body;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"{what} never held; last {path}: {last}");
    }

    public static string Str(this JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ToString() : "";
}

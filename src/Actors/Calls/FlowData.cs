using System.Text.Json;

namespace CallCenter.Actors.Calls;

/// <summary>
/// A flow's data dip over HTTP: GET a URL, and take a JSON object's top-level values as text (strings as they are,
/// numbers and booleans as written, nested objects and arrays as JSON; nulls left out). Never throws: a timeout, a
/// status other than 2xx, or a body that is not a JSON object comes back as an error the flow branches on.
/// </summary>
public static class FlowData
{
    /// <summary>The most a data dip's answer may hold; more is an error, not a memory problem.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = MaxResponseBytes,
    };

    public static async Task<FlowDataFetched> FetchAsync(FetchFlowData fetch)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(fetch.TimeoutMilliseconds));
        try
        {
            using var response = await Client.GetAsync(fetch.Url, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                return Failed(fetch, $"{fetch.Url} answered {(int)response.StatusCode}");
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return Parse(body) is { } values
                ? new FlowDataFetched(fetch.CallId, fetch.Seq, values)
                : Failed(fetch, $"{fetch.Url} did not answer a JSON object");
        }
        catch (OperationCanceledException)
        {
            return Failed(fetch, $"{fetch.Url} did not answer within {fetch.TimeoutMilliseconds} ms");
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            return Failed(fetch, $"{fetch.Url}: {e.Message}");
        }
    }

    /// <summary>A JSON object's top-level values as text, or null when <paramref name="body"/> is not a JSON object.</summary>
    public static IReadOnlyDictionary<string, string>? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var text = property.Value.ValueKind switch
                {
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => property.Value.GetRawText(),
                };
                if (text is not null)
                    values[property.Name] = text;
            }
            return values;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static FlowDataFetched Failed(FetchFlowData fetch, string error) => new(fetch.CallId, fetch.Seq, null, error);
}

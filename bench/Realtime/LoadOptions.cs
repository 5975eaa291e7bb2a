namespace CallCenter.Bench.Realtime;

/// <summary>
/// What one run does: N agents from <see cref="FirstAgentId"/>, each watched by its own connection; the API and
/// the hub are called with <see cref="ApiKey"/> (<c>--api-key</c> or <c>CALLCENTER_API_KEY</c>).
/// </summary>
internal sealed record LoadOptions(
    Uri Node,
    int Agents,
    int FirstAgentId,
    int ChangesPerSecond,
    int Seconds,
    int? NodePid,
    int HttpClients,
    string? ApiKey)
{
    /// <summary>A push that has not arrived by then is counted as lost.</summary>
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Connections opened at once: enough to connect 5,000 in seconds without a SYN flood on a 2-core box.</summary>
    public const int ConnectConcurrency = 64;

    public static LoadOptions Parse(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var pid = Arg("node-pid", "");
        return new LoadOptions(
            new Uri(Arg("url", "http://127.0.0.1:8080")),
            int.Parse(Arg("agents", "1000")),
            int.Parse(Arg("first-agent", "5000")),
            int.Parse(Arg("rate", "150")),
            int.Parse(Arg("seconds", "30")),
            pid.Length > 0 ? int.Parse(pid) : null,
            int.Parse(Arg("http-clients", "4")),
            Arg("api-key", Environment.GetEnvironmentVariable("CALLCENTER_API_KEY") ?? "") is { Length: > 0 } key ? key : null);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CallCenter.Node.Tests.Telemetry;

/// <summary>
/// Debian's <c>prometheus</c> on a loopback port, scraping one target every second with a temporary configuration
/// and storage; killed on dispose. Queried with PromQL over its HTTP API.
/// </summary>
public sealed class PrometheusProcess : IDisposable
{
    public const string Executable = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly HttpClient _http;

    private PrometheusProcess(Process process, TempDirectory directory, Uri address)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = address };
    }

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port) at /metrics every second.</summary>
    public static PrometheusProcess Start(string target)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: apt-get install prometheus (test.sh does)");
        var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: callcenter
                metrics_path: /metrics
                static_configs:
                  - targets: ['{target}']
            """);
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory.Path, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PrometheusProcess(process, directory, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>The instant value of <paramref name="promql"/> (a single-series result), or null when it has no series (yet).</summary>
    public async Task<double?> QueryAsync(string promql)
    {
        try
        {
            using var response = await _http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
            if (response.StatusCode != HttpStatusCode.OK)
                return null;
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var result = body.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 0
                ? null
                : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return null; // still starting
        }
    }

    /// <summary>Polls (bounded: 30 s) until <paramref name="promql"/> evaluates to <paramref name="expected"/>.</summary>
    public async Task AssertEventuallyAsync(string promql, double expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        double? last = null;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"prometheus exited with code {(_process.HasExited ? _process.ExitCode : 0)}");
            last = await QueryAsync(promql);
            if (last == expected)
                return;
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"{promql} never was {expected}; last: {last?.ToString(CultureInfo.InvariantCulture) ?? "no series"}");
    }

    /// <summary>A loopback port free now (for a process or listener that needs a number before it binds).</summary>
    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _http.Dispose();
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
        _directory.Dispose();
    }
}

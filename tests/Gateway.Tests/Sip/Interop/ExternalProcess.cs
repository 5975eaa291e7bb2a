using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CallCenter.Gateway.Tests.Sip.Interop;

/// <summary>Runs a real peer (sipp, baresip) bounded in time. A missing tool fails the test: test.sh installs them.</summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private bool _disposed;

    private ExternalProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static ExternalProcess Start(string file, string arguments, string? workingDirectory = null) =>
        new(Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        }) ?? throw new InvalidOperationException($"{file} did not start"));

    /// <summary>Waits for exit within <paramref name="limit"/> (killing it otherwise) and returns the exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }

        return (_process.ExitCode, await _stdout + await _stderr);
    }

    /// <summary>Stops the peer now (if still running) and returns what it printed.</summary>
    public Task<(int ExitCode, string Output)> StopAsync() => WaitAsync(TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await StopAsync();
            _process.Dispose();
        }
    }

    /// <summary>A UDP port free on <paramref name="address"/> right now (the peer binds it next).</summary>
    public static int FreeUdpPort(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Counts from sipp's -trace_stat file: the last line's cumulative successful and failed calls.</summary>
    public static (int Successful, int Failed) SippCounts(string statFile)
    {
        var lines = File.ReadAllLines(statFile).Where(l => l.Length > 0).ToArray();
        var names = lines[0].Split(';');
        var last = lines[^1].Split(';');
        int Column(string name) => int.Parse(last[Array.IndexOf(names, name)], System.Globalization.CultureInfo.InvariantCulture);
        return (Column("SuccessfulCall(C)"), Column("FailedCall(C)"));
    }
}

using System.Diagnostics;
using System.Text;

namespace CallCenter.Integration.Tests.Gateway;

/// <summary>
/// A tool (sipp, baresip) running beside a test in its own working directory, with its output kept for
/// the failure message. Always bounded: <see cref="WaitAsync"/> kills it when its limit passes, and
/// disposing kills it if it still runs.
/// </summary>
public sealed class BackgroundTool : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BackgroundTool(string name, Process process, string directory, string commandLine)
    {
        Name = name;
        _process = process;
        Directory = directory;
        CommandLine = commandLine;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string Directory { get; }

    public string CommandLine { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static BackgroundTool Start(string name, string file, IEnumerable<string> arguments, string? directory = null)
    {
        directory ??= System.IO.Directory.CreateTempSubdirectory($"{name}-").FullName;
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // neither sipp (-nostdin) nor baresip (no UI module) reads it
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var commandLine = $"{file} {string.Join(' ', start.ArgumentList)}";
        try
        {
            return new BackgroundTool(name, Process.Start(start)!, directory, commandLine);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{file}' could not be started ({e.Message}); ./test.sh installs it", e);
        }
    }

    /// <summary>The exit code, or -1 after killing a tool that outlived <paramref name="limit"/>.</summary>
    public async Task<int> WaitAsync(TimeSpan limit)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(limit);
            _process.WaitForExit(); // drains the redirected output
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            lock (_output) _output.AppendLine($"[killed by the test after {limit}]");
            return -1;
        }
    }

    /// <summary>Everything the tool said: its console output and the files it wrote (sipp's errors, logs and message trace).</summary>
    public string Report(int maxFileChars = 12_000)
    {
        var report = new StringBuilder($"==== {Name}: {CommandLine}\n    (in {Directory}, {(HasExited ? $"exit {_process.ExitCode}" : "still running")})\n");
        report.AppendLine(Tail(Output, maxFileChars));
        foreach (var file in System.IO.Directory.GetFiles(Directory).Order())
        {
            if (file.EndsWith(".xml", StringComparison.Ordinal) || file.EndsWith(".csv", StringComparison.Ordinal) && !file.Contains("stat"))
                continue;
            report.AppendLine($"---- {Path.GetFileName(file)}");
            report.AppendLine(Tail(File.ReadAllText(file), maxFileChars));
        }
        return report.ToString();
    }

    public static string Tail(string text, int maxChars) =>
        text.Length <= maxChars ? text : $"[... {text.Length - maxChars} characters left out ...]\n{text[^maxChars..]}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }
}

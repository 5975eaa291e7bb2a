using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CallCenter.Node.Tests.Hosting;

/// <summary>Every log line of a node in tests, formatted, with its structured values, so a spec can search them.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    /// <summary>Enough for one test class's node; older lines are dropped.</summary>
    private const int MaxLines = 20_000;

    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > MaxLines)
            _lines.TryDequeue(out _);
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            logs.Add($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}

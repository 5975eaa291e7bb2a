using System.Diagnostics;

namespace CallCenter.Bench.Realtime;

/// <summary>The node's memory and CPU as Linux reports them (/proc), sampled from outside the node.</summary>
internal sealed class NodeProcess(int? pid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Resident set size in KiB (0 when no pid was given).</summary>
    public long RssKiB()
    {
        if (pid is null)
            return 0;
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    /// <summary>User plus system CPU time the node has used.</summary>
    public TimeSpan Cpu()
    {
        if (pid is null)
            return TimeSpan.Zero;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat (utime, stime); after the command name, 0-based index 11 and 12.
        return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond);
    }

    public static TimeSpan OwnCpu() => Process.GetCurrentProcess().TotalProcessorTime;
}

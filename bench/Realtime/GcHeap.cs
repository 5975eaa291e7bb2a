using System.Diagnostics;
using System.Globalization;

namespace CallCenter.Bench.Realtime;

/// <summary>
/// The node's GC heap after its last collection, summed over generations, read with dotnet-counters
/// (System.Runtime meter, .NET 9+). Null when the tool or the pid is missing: RSS is reported regardless.
/// </summary>
internal static class GcHeap
{
    private const string Counter = "dotnet.gc.last_collection.heap.size";

    public static async Task<double?> SampleMiBAsync(int? pid)
    {
        if (pid is null)
            return null;
        var file = Path.Combine(Path.GetTempPath(), $"gc-heap-{pid}-{Guid.NewGuid():N}.csv");
        try
        {
            using var tool = Process.Start(new ProcessStartInfo("dotnet-counters",
                $"collect -p {pid} --counters System.Runtime[{Counter}] --format csv -o {file} --duration 00:00:03 --refresh-interval 1")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (tool is null)
                return null;
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await tool.WaitForExitAsync(limit.Token);
            if (!File.Exists(file))
                return null;
            // Rows: Timestamp,Provider,Counter Name[tags],Counter Type,Mean/Increment; the last timestamp's rows summed.
            var rows = File.ReadLines(file).Skip(1).Select(l => l.Split(','))
                .Where(f => f.Length >= 5 && f[2].Contains("heap.size", StringComparison.Ordinal)).ToList();
            if (rows.Count == 0)
                return null;
            var last = rows[^1][0];
            var bytes = rows.Where(f => f[0] == last).Sum(f => double.Parse(f[^1], CultureInfo.InvariantCulture));
            return bytes / (1024 * 1024);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException or IOException)
        {
            return null;
        }
        finally
        {
            File.Delete(file);
        }
    }
}

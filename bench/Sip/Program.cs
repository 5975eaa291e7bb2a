using System.Diagnostics;
using BenchmarkDotNet.Running;
using CallCenter.Bench.Sip;

if (args is ["--quick", ..])
{
    // A rough single-thread figure in seconds, for profiling loops; BenchmarkDotNet gives the real numbers.
    var bench = new SipMessageBenchmarks();
    bench.Setup();
    foreach (var (name, run) in new (string, Func<object?>)[] { ("ParseInvite", bench.ParseInvite), ("ParseOk", bench.ParseOk), ("ParseRegister", bench.ParseRegister) })
    {
        for (var i = 0; i < 50_000; i++)
        {
            run();
        }

        var watch = Stopwatch.StartNew();
        var n = 0;
        while (watch.ElapsedMilliseconds < 2000)
        {
            run();
            n++;
        }

        Console.WriteLine($"{name}: {n / watch.Elapsed.TotalSeconds:N0} ops/s");
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SipMessageBenchmarks).Assembly).Run(args);

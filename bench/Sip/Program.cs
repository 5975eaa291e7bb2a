using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CallCenter.Bench.Sip.SipMessageBenchmarks).Assembly).Run(args);

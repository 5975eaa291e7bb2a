namespace CallCenter.Bench.Routing;

/// <summary>Command-line knobs of the routing benchmark.</summary>
public sealed record LoadOptions(
    string Db,
    string? ConnectionString,
    int Agents,
    int Queues,
    double ArrivalRate,
    double HandleMeanSeconds,
    int WrapUpSeconds,
    double DurationSeconds,
    double DrainSeconds,
    int Seed,
    bool Telemetry = false,
    int RoutingNodes = 0,
    double WarmUpSeconds = 0)
{
    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions("sqlite", Environment.GetEnvironmentVariable("CALLCENTER_TEST_POSTGRES"),
            Agents: 200, Queues: 4, ArrivalRate: 200, HandleMeanSeconds: 2, WrapUpSeconds: 0,
            DurationSeconds: 20, DrainSeconds: 30, Seed: 42);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--db" => o with { Db = Next() },
                "--connection-string" => o with { ConnectionString = Next() },
                "--agents" => o with { Agents = int.Parse(Next()) },
                "--queues" => o with { Queues = int.Parse(Next()) },
                "--arrival-rate" => o with { ArrivalRate = double.Parse(Next()) },
                "--handle-mean" => o with { HandleMeanSeconds = double.Parse(Next()) },
                "--wrap-up" => o with { WrapUpSeconds = int.Parse(Next()) },
                "--duration" => o with { DurationSeconds = double.Parse(Next()) },
                "--drain" => o with { DrainSeconds = double.Parse(Next()) },
                "--seed" => o with { Seed = int.Parse(Next()) },
                "--warmup" => o with { WarmUpSeconds = double.Parse(Next()) },
                "--routing-nodes" => o with { RoutingNodes = int.Parse(Next()) },
                "--telemetry" => o with { Telemetry = Next() switch { "on" => true, "off" => false, var v => throw new ArgumentException($"--telemetry must be on or off, not {v}") } },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        if (o.Db is not ("sqlite" or "postgres"))
            throw new ArgumentException("--db must be sqlite or postgres");
        if (o.RoutingNodes < 0 || (o.RoutingNodes > 0 && o.Db != "postgres"))
            throw new ArgumentException("--routing-nodes needs --db postgres (0: the entities in this process)");
        if (o.Db == "postgres" && string.IsNullOrEmpty(o.ConnectionString))
            throw new ArgumentException("--db postgres needs --connection-string or CALLCENTER_TEST_POSTGRES");
        return o;
    }
}

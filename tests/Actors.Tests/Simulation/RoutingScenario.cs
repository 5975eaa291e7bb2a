using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;

namespace CallCenter.Actors.Tests.Simulation;

/// <summary>
/// A small center (3 queues, 8 agents, overlapping skills and memberships) driven by a list of
/// numbers: each number is one step, either delivering an in-flight message (which one: the
/// number decides) or an outside event (call arrives, caller hangs up, agent goes ready, not
/// ready, logs out, answers, rejects, hangs up, transfers to a queue, to an agent or out, finishes wrap-up, a phone registers or
/// unregisters, the gateway finds a phone unreachable, time passes). Some agents start
/// with a phone, and some calls come through a gateway and need one. Numbers shrink towards 0, which
/// means "deliver the oldest deliverable message": a shrunk case stays readable.
/// </summary>
public static class RoutingScenario
{
    public static readonly IReadOnlyList<QueueDefinition> QueueDefinitions =
    [
        QueueDefinition.Named("sales") with
        {
            Strategy = RoutingStrategyKind.RoundRobin, RequiredSkills = Skills(("sales", 1)),
            RingTimeoutSeconds = 10, WrapUpSeconds = 5, Overflow = [new OverflowRule(20, MinProficiency: 1, MoveToQueue: null)],
        },
        QueueDefinition.Named("support") with
        {
            Strategy = RoutingStrategyKind.MostSkilled, RequiredSkills = Skills(("support", 1)),
            RingTimeoutSeconds = 8, WrapUpSeconds = 0, MaxWaitingCalls = 4, WhenFullOrTooLong = "general",
            Overflow = [new OverflowRule(40, MinProficiency: null, MoveToQueue: "general")],
        },
        QueueDefinition.Named("general") with
        {
            Strategy = RoutingStrategyKind.LongestIdle, RingTimeoutSeconds = 12, WrapUpSeconds = 5,
            AutoReadyAfterWrapUp = false, MaxWaitSeconds = 90,
        },
    ];

    public static readonly IReadOnlyList<AgentDefinition> AgentDefinitions =
    [
        Agent("a1", Skills(("sales", 3)), "sales"),
        Agent("a2", Skills(("sales", 2), ("support", 1)), "sales", "support"),
        Agent("a3", Skills(("support", 3), ("billing", 2)), "support", "general"),
        Agent("a4", Skills(("support", 2)), "support"),
        Agent("a5", Skills(("billing", 3), ("sales", 1)), "general", "sales"),
        Agent("a6", Skills(), "general"),
        Agent("a7", Skills(("sales", 1), ("support", 1), ("billing", 1)), "sales", "support", "general"),
        Agent("a8", Skills(("support", 4), ("sales", 3)), "support", "sales"),
    ];

    /// <summary>What callers to each queue may need: some needs only a few agents meet, some none until widened.</summary>
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, int>>[] Needs =
    [
        [Skills(), Skills(("sales", 2)), Skills(("sales", 3))],
        [Skills(("support", 1)), Skills(("support", 3)), Skills(("support", 2), ("billing", 1))],
        [Skills(), Skills(("billing", 2)), Skills(("billing", 4))],
    ];

    private static readonly string[] NotReadyReasons = ["break", "lunch", "training"];

    /// <summary>Agents whose phone is registered when the day starts (for a day); the others have none until a step registers one.</summary>
    private static readonly string[] StartWithPhones = ["a1", "a3", "a4", "a7"];

    private const string Gateway = "akka://callcenter/user/gateway";

    public static RoutingSimulator NewCenter(bool tracing = false)
    {
        var sim = new RoutingSimulator(QueueDefinitions, AgentDefinitions) { Tracing = tracing };
        foreach (var agent in StartWithPhones)
            sim.External(new RegisterPhone(new AgentId(agent), Contact(agent, 0), RoutingSimulator.Start.AddDays(1)));
        return sim;
    }

    private static string Contact(string agent, int host) => $"sip:{agent}@10.0.0.{host + 1}:5060";

    /// <summary>Runs the steps, checking the invariants after each; then settles the center and checks it settled.</summary>
    public static RoutingSimulator Run(IReadOnlyList<int> steps, bool tracing = false)
    {
        var sim = NewCenter(tracing);
        foreach (var step in steps)
        {
            Step(sim, step);
            RoutingInvariants.CheckAlways(sim);
        }
        Settle(sim, steps.Count == 0 ? 0 : steps[^1]);
        return sim;
    }

    public static void Step(RoutingSimulator sim, int step)
    {
        var kind = (step & 0xFF) % 100;
        var arg = (step >> 8) & 0x7FFFFF;
        if (kind < 60 && sim.DeliverOne(arg))
            return;
        var agents = sim.Agents.Values.OrderBy(a => a.Id.Value, StringComparer.Ordinal).ToList();
        var agent = agents[arg % agents.Count];
        switch (kind % 40)
        {
            case < 7:
                var q = arg % QueueDefinitions.Count;
                // arg / 54 keeps the shrunk regression cases below (whose calls need no phone) as they were.
                sim.NewCall(new QueueId(QueueDefinitions[q].Name), priority: arg / 3 % 3 == 0 ? 1 : 0, Needs[q][arg / 9 % Needs[q].Count],
                    gateway: arg / 54 % 2 == 1 ? Gateway : null);
                break;
            case < 10:
                var live = sim.Calls.Values.Where(c => c.Status != CallStatus.Ended).OrderBy(c => c.Id.Value, StringComparer.Ordinal).ToList();
                if (live.Count > 0)
                    sim.External(new HangUpCall(live[arg % live.Count].Id, CallParty.Caller));
                break;
            case < 15:
                sim.External(new SetAgentStatus(agent.Id, RequestedStatus.Ready, null));
                break;
            case < 17:
                sim.External(new SetAgentStatus(agent.Id, RequestedStatus.NotReady, NotReadyReasons[arg % NotReadyReasons.Length]));
                break;
            case 17:
                sim.External(new SetAgentStatus(agent.Id, RequestedStatus.LoggedOut, null));
                break;
            case < 24:
                ToOneIn(sim, agents, AgentStatus.Reserved, arg, id => new AnswerOffer(id));
                break;
            case < 28:
                ToOneIn(sim, agents, AgentStatus.OnCall, arg, id => new HangUpAgentCall(id));
                break;
            case < 30:
                ToOneIn(sim, agents, AgentStatus.WrapUp, arg, id => new FinishWrapUp(id));
                break;
            case < 32:
                ToOneIn(sim, agents, AgentStatus.Reserved, arg, id => new RejectOffer(id));
                break;
            case 32:
                sim.External(new RegisterPhone(agent.Id, Contact(agent.Id.Value, arg / 8 % 2), sim.Now.AddSeconds(20 + arg / 16 % 60)));
                break;
            case 33:
                if (agent.Phone is { } phone)
                    sim.External(new UnregisterPhone(agent.Id, phone.Contact));
                break;
            case 34 when arg % 8 == 3:
                // To a named agent, in the first of their queues (as the gateway does for a REFER to an agent).
                var target = AgentDefinitions[arg / 8 % AgentDefinitions.Count];
                ToOneIn(sim, agents, AgentStatus.OnCall, arg / 64, id => new TransferCall(sim.Agents[id].Call!.CallId, id,
                    new QueueId(target.Queues[0]), new AgentId(target.Id)));
                break;
            case 34 when arg % 8 == 7:
                ToOneIn(sim, agents, AgentStatus.OnCall, arg / 8, id => new TransferCallOut(sim.Agents[id].Call!.CallId, id, "+3225550123"));
                break;
            case 34 when arg % 2 == 1:
                // Odd only: an even 34 is a time step, as in the shrunk regression cases below (whose transfers are to a queue).
                ToOneIn(sim, agents, AgentStatus.OnCall, arg / 2, id =>
                    new TransferCall(sim.Agents[id].Call!.CallId, id, new QueueId(QueueDefinitions[arg / 16 % QueueDefinitions.Count].Name)));
                break;
            case 35:
                ToOneIn(sim, agents, AgentStatus.Reserved, arg,
                    id => new RejectOffer(id, sim.Agents[id].Call!.CallId, NotReadyReasonCodes.PhoneUnreachable));
                break;
            default:
                sim.Advance(TimeSpan.FromSeconds(1 + arg % 12));
                break;
        }
    }

    /// <summary>
    /// Delivers everything, then lets the day run out: every agent goes ready, answers what it is
    /// offered, hangs up, finishes wrap-up, while time passes; then delivers everything again.
    /// </summary>
    public static void Settle(RoutingSimulator sim, int seed)
    {
        var random = new Random(seed);
        sim.DrainAll(_ => random.Next());
        RoutingInvariants.CheckSettled(sim);
        for (var round = 0; round < 40; round++)
        {
            foreach (var agent in sim.Agents.Values.ToList())
            {
                IAgentCommand? command = agent.Status switch
                {
                    AgentStatus.Reserved => new AnswerOffer(agent.Id),
                    AgentStatus.OnCall => new HangUpAgentCall(agent.Id),
                    AgentStatus.WrapUp => new FinishWrapUp(agent.Id),
                    AgentStatus.Ready => null,
                    _ => new SetAgentStatus(agent.Id, RequestedStatus.Ready, null),
                };
                if (command is not null)
                    sim.External(command);
            }
            sim.DrainAll(_ => random.Next());
            RoutingInvariants.CheckSettled(sim);
            sim.Advance(TimeSpan.FromSeconds(5));
            sim.DrainAll(_ => random.Next());
            RoutingInvariants.CheckSettled(sim);
        }
    }

    private static void ToOneIn(RoutingSimulator sim, List<AgentState> agents, AgentStatus status, int arg, Func<AgentId, IProtocolMessage> command)
    {
        var inStatus = agents.Where(a => a.Status == status).ToList();
        if (inStatus.Count > 0)
            sim.External(command(inStatus[arg % inStatus.Count].Id));
    }

    private static Dictionary<string, int> Skills(params (string Skill, int Level)[] skills) =>
        skills.ToDictionary(s => s.Skill, s => s.Level);

    private static AgentDefinition Agent(string id, IReadOnlyDictionary<string, int> skills, params string[] queues) =>
        new(id, $"Agent {id}", Password: null, Site: "brussels", AgentRole.Agent, skills, queues);
}

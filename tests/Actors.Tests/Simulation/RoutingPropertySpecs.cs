using CallCenter.Actors.Calls;
using CsCheck;
using Xunit.Abstractions;

namespace CallCenter.Actors.Tests.Simulation;

/// <summary>
/// Random interleavings of every message the entities send, mixed with random outside events:
/// the routing invariants of <see cref="RoutingInvariants"/> and <see cref="RoutingSimulator"/> hold
/// after every step and once the center settles.
/// </summary>
public sealed class RoutingPropertySpecs(ITestOutputHelper output)
{
    private const int Runs = 500;
    private const int StepsPerRun = 300;

    private static readonly Gen<int[]> Steps = Gen.Int[0, int.MaxValue].Array[1, StepsPerRun];

    [Fact]
    public void Routing_should_keep_its_invariants_under_any_interleaving() =>
        Steps.Sample(steps => RoutingScenario.Run(steps), iter: Runs, threads: 1, print: Print);

    [Fact]
    public void Routing_simulation_should_exercise_the_whole_conversation()
    {
        // Guards the property above against testing nothing: the random runs do reach every outcome. The seed does not
        // fix the path: some decisions follow hash-ordered sets, and string hashes differ from process to process (60
        // runs once missed a directed offer in CI); 200 runs reach every outcome whatever the order.
        var outcomes = new HashSet<string>();
        Gen.Int[0, int.MaxValue].Array[StepsPerRun].Sample(steps =>
        {
            var sim = RoutingScenario.Run(steps);
            lock (outcomes)
            {
                foreach (var call in sim.Calls.Values)
                {
                    outcomes.Add((call.Gateway is null ? "" : "sip ") + (call.Outcome?.ToString() ?? call.Status.ToString()));
                    if (call.Transfers > 0)
                        outcomes.Add("transferred");
                    if (call.Handlers.Count > 1)
                        outcomes.Add("answered again after a transfer");
                    if (call.TransferredOutTo is not null)
                        outcomes.Add("transferred out");
                }
                if (sim.DirectedOffers > 0)
                    outcomes.Add("offered to the named agent");
                foreach (var message in sim.ToGateways)
                    outcomes.Add(message.GetType().Name);
                foreach (var agent in sim.Agents.Values.Where(a => a.Reason is not null))
                    outcomes.Add($"not ready {agent.Reason}");
                if (sim.PhonesExpired > 0)
                    outcomes.Add("phone expired");
            }
        }, iter: 200, threads: 1, seed: "0N0XIzNsQ0O2");
        output.WriteLine(string.Join(", ", outcomes.Order()));
        Assert.Superset(new HashSet<string>
        {
            "Completed", "Abandoned", "Refused", "sip Completed", "sip Abandoned",
            nameof(RingAgent), nameof(ConnectAgent), nameof(DisconnectAgent), nameof(ReleaseCall),
            "phone expired", "transferred", "transferred out", "answered again after a transfer", "offered to the named agent",
        }, outcomes);
    }

    /// <summary>
    /// Shrunk from a failure: an agent answers, the call's CallAnswered reaches the queue after the
    /// ring timeout, the queue repeats its reservation, the agent says yes again, and the queue freed
    /// the agent while it talked (now: <see cref="Agents.ReleaseReservation"/> leaves a connected agent alone).
    /// </summary>
    [Fact]
    public void Routing_should_keep_a_talking_agent_busy_when_a_repeated_reservation_is_accepted_late() =>
        RoutingScenario.Run([52, 2124836278, 0, 0, 0, 0, 0, 0, 668742577, 0, 0, 0, 0, 0, 0, 79, 0, 63, 2059958863, 47]);

    /// <summary>
    /// Shrunk from a failure: a call overflows from support to general, and support's first
    /// CallQueued, overtaken by general's, moved the call back to support while general held it.
    /// </summary>
    [Fact]
    public void Routing_should_keep_an_overflowed_call_in_its_new_queue_when_an_old_message_arrives_late() =>
        RoutingScenario.Run([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 52294078, 1049988494, 94, 85, 903876564, 0, 0, 0, 0, 0,
            1955503807, 1873104831, 0, 587362772, 1577583122, 233667776, 1772012279, 267956219, 88, 968024563, 0, 0, 74,
            1828262068, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 82, 0, 0, 0, 2106570026, 0, 0, 0, 0, 0, 0, 1959570097, 0, 76,
            209933491, 223091634, 730176074]);

    /// <summary>
    /// Shrunk from a failure once transfers joined the random steps ("settled: Offered in sales but held by
    /// [general]"): c8 is answered in sales before sales' CallQueued arrives, and transferred to general in
    /// the same second; sales' late CallQueued, as new as the transfer, read as an overflow back to sales,
    /// and sales' late offer to the agent who had answered then made the call "offered" there while
    /// general held it (now: every word from a queue names the call's stay, and a word about a stay the
    /// call has left is stale).
    /// </summary>
    [Fact]
    public void Routing_should_keep_a_transferred_call_in_its_new_queue_when_the_old_queue_speaks_late() =>
        RoutingScenario.Run([0, 0, 0, 1980552785, 0, 0, 8, 0, 1039129906, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 229015230, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 754861715, 0, 328119041, 0, 0, 23, 1629914555, 0, 1713817169, 0, 0, 0, 0, 0, 82, 91, 76, 0,
            1980445963, 0, 0, 1840535661, 0, 0, 1022878083, 1014751067, 0, 939672048, 2048920585, 1040640566, 35110278, 0,
            564952660, 772520056, 63, 0, 0, 0, 1530450040, 917177597, 989969293, 153684298]);

    /// <summary>
    /// Shrunk from a failure once transfers joined the random steps: a call answered and transferred back to
    /// the same queue in the same second took that queue's late offer from its first stay (to the agent who had
    /// answered, now wrapping up) for an offer of its new stay.
    /// </summary>
    [Fact]
    public void Routing_should_not_offer_a_call_transferred_back_to_its_queue_to_the_agent_of_its_first_stay() =>
        RoutingScenario.Run([961784659, 0, 0, 0, 0, 0, 0, 0, 0, 66639452, 0, 0, 0, 1959976312, 0, 0, 61, 330738470, 1599033774]);

    private static string Print(int[] steps) => $"[{string.Join(", ", steps)}]";
}

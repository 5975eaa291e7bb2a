using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Queues;

namespace CallCenter.Actors.Tests.Simulation;

/// <summary>What must hold of a <see cref="RoutingSimulator"/>: always, and once nothing is in flight.</summary>
public static class RoutingInvariants
{
    /// <summary>Holds after every step, whatever is still in flight.</summary>
    public static void CheckAlways(RoutingSimulator sim)
    {
        CheckAgentsHoldOneCall(sim);
        CheckEveryCallIsSomewhereOnce(sim);
    }

    /// <summary>Holds once every message has been delivered.</summary>
    public static void CheckSettled(RoutingSimulator sim)
    {
        CheckAlways(sim);
        foreach (var call in sim.Calls.Values)
        {
            var holders = sim.Queues.Values.Where(q => q.WaitingById.ContainsKey(call.Id)).Select(q => q.Id).ToList();
            var waits = call.Status is CallStatus.Queued or CallStatus.Offered;
            if (waits ? holders.Count != 1 || holders[0] != call.QueueId : holders.Count != 0)
                Fail($"settled: call {call.Id} is {call.Status} in '{call.QueueId}' but held by [{string.Join(", ", holders)}]");
            if (call.Status == CallStatus.Offered)
            {
                var agent = sim.Agents[call.AgentId!];
                if (agent.Status != AgentStatus.Reserved || agent.Call?.CallId != call.Id)
                    Fail($"settled: call {call.Id} is offered to {call.AgentId}, who is {agent.Status} with {agent.Call?.CallId}");
            }
        }
        foreach (var agent in sim.Agents.Values)
        {
            if (agent.Status is not (AgentStatus.Reserved or AgentStatus.OnCall))
                continue;
            var call = sim.Calls.GetValueOrDefault(agent.Call!.CallId);
            var expected = agent.Status == AgentStatus.OnCall ? CallStatus.Talking : CallStatus.Offered;
            if (call is null || call.Status != expected || call.AgentId != agent.Id)
                Fail($"settled: agent {agent.Id} is {agent.Status} for call {agent.Call.CallId}, which is {call?.Status} with {call?.AgentId}");
        }
        CheckNoReadyAgentIdlesBesideAWaitingCall(sim);
    }

    /// <summary>An agent never holds two calls, and a talking call's agent is on that call.</summary>
    private static void CheckAgentsHoldOneCall(RoutingSimulator sim)
    {
        foreach (var group in sim.Calls.Values.Where(c => c.Status == CallStatus.Talking).GroupBy(c => c.AgentId!))
        {
            if (group.Count() > 1)
                Fail($"agent {group.Key} talks on {string.Join(" and ", group.Select(c => c.Id))}");
            var call = group.Single();
            var agent = sim.Agents[group.Key];
            if (agent.Status != AgentStatus.OnCall || agent.Call?.CallId != call.Id)
                Fail($"call {call.Id} talks with {agent.Id}, who is {agent.Status} with call {agent.Call?.CallId}");
        }
        foreach (var agent in sim.Agents.Values)
        {
            var holds = agent.Status is AgentStatus.Reserved or AgentStatus.OnCall or AgentStatus.WrapUp;
            if (holds != (agent.Call is not null))
                Fail($"agent {agent.Id} is {agent.Status} with call {agent.Call?.CallId}");
            if ((agent.Status == AgentStatus.OnCall && agent.Call?.Connected != true) || (agent.Status == AgentStatus.Reserved && agent.Call!.Connected))
                Fail($"agent {agent.Id} is {agent.Status} but its call's connected flag says otherwise");
        }
    }

    /// <summary>
    /// Every call is in at most one place (a queue's waiting list, or on its way to a queue, or on its
    /// way to being refused), and a call that still waits is in exactly one: none lost, none duplicated.
    /// </summary>
    private static void CheckEveryCallIsSomewhereOnce(RoutingSimulator sim)
    {
        var places = new Dictionary<CallId, List<string>>();
        // A call answered (and then transferred) leaves its queue when CallAnswered arrives: already gone,
        // unless the queue holds it for a later stay (transferred there meanwhile), which that CallAnswered leaves alone.
        var leaving = sim.InFlight.OfType<CallAnswered>().ToLookup(a => (a.QueueId, a.CallId), a => a.Transfers);
        // A stay the call has left by a transfer (answered through a queue it was sent on to, before it heard it waits
        // there) is let go once that queue's word reaches the call: not a place. CheckSettled sees it gone.
        bool Left(CallId id, int stay) => sim.Calls.TryGetValue(id, out var call) && stay < call.Transfers;
        foreach (var queue in sim.Queues.Values)
            foreach (var (id, _) in queue.WaitingById.Where(w => !leaving[(queue.Id, w.Key)].Any(stay => w.Value.Transfers <= stay) && !Left(w.Key, w.Value.Transfers)))
                Place(places, id, $"waiting in {queue.Id}");
        foreach (var message in sim.InFlight)
        {
            if (message is EnqueueCall e && !Left(e.CallId, e.Transfers))
                Place(places, e.CallId, $"on its way to {e.QueueId}");
            else if (message is CallRefused r)
                Place(places, r.CallId, $"being refused by {r.QueueId}");
        }
        foreach (var call in sim.Calls.Values)
        {
            var at = places.GetValueOrDefault(call.Id) ?? [];
            if (at.Count > 1)
                Fail($"call {call.Id} is in {at.Count} places: {string.Join("; ", at)}");
            if (call.Status is CallStatus.Queued or CallStatus.Offered && at.Count == 0)
                Fail($"call {call.Id} is {call.Status} but no queue holds it and none will");
        }
    }

    private static void Place(Dictionary<CallId, List<string>> places, CallId id, string where)
    {
        if (!places.TryGetValue(id, out var list))
            places[id] = list = [];
        list.Add(where);
    }

    /// <summary>Settled: a waiting call that no one is offered is not left beside a ready agent of its queue who could take it.</summary>
    private static void CheckNoReadyAgentIdlesBesideAWaitingCall(RoutingSimulator sim)
    {
        foreach (var queue in sim.Queues.Values)
            foreach (var call in queue.Waiting.Where(w => w.OfferedTo is null))
                foreach (var agent in sim.Agents.Values.Where(a => a.Status == AgentStatus.Ready && a.Queues.Contains(queue.Id) && queue.Members.Contains(a.Id)))
                    if (new CallCenter.Actors.Routing.AvailableAgent(agent.Id, agent.Skills, agent.IdleSince, 0, 0, 0, HasPhone: agent.Phone is not null)
                        .Meets(call.RequiredSkills, call.WidenedTo, call.NeedsPhone, call.OnlyAgent))
                        Fail($"settled: {call.CallId} waits in {queue.Id} un-offered while {agent.Id} is ready and able");
    }

    private static void Fail(string message) => throw new InvariantViolation(message);
}

using System.Net;
using System.Text.RegularExpressions;
using CallCenter.Actors;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Entities;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Node.Entities;

namespace CallCenter.Node.Api;

/// <summary>
/// The desktop's call control: hold, resume and blind transfer of the call the agent is talking on. The agent's entity
/// says which call that is; the call's entity decides (only the agent talking on it may) and answers.
/// </summary>
public static partial class CallControl
{
    public static Task<IResult> HoldAsync(string id, EntityRouter router, ContactCenterDirectory directory) =>
        directory.Agent(id) is null
            ? Task.FromResult(Problems.NotFound("agent", id))
            : OnCallAsync(id, router, (call, agent) => new HoldCall(call, agent));

    public static Task<IResult> ResumeAsync(string id, EntityRouter router, ContactCenterDirectory directory) =>
        directory.Agent(id) is null
            ? Task.FromResult(Problems.NotFound("agent", id))
            : OnCallAsync(id, router, (call, agent) => new ResumeCall(call, agent));

    /// <summary>
    /// A blind transfer with exactly one of <c>queue</c>, <c>agent</c> (the call waits in that agent's first queue for
    /// them only, as a phone's REFER to an agent does) or <c>number</c> (see <see cref="OutsideAddress"/>).
    /// </summary>
    public static async Task<IResult> TransferAsync(string id, HttpRequest request, EntityRouter router, ContactCenterDirectory directory)
    {
        if (directory.Agent(id) is null)
            return Problems.NotFound("agent", id);
        var (body, problem) = await JsonBody.ReadAsync(request);
        if (body is null)
            return problem!;
        var queue = body.String("queue");
        var agent = body.String("agent");
        var number = body.String("number");
        var given = new[] { ("queue", queue), ("agent", agent), ("number", number) }.Where(f => f.Item2 is not null).Select(f => f.Item1).ToList();
        foreach (var field in given.Count == 0 ? ["queue", "agent", "number"] : given.Count > 1 ? given : [])
            body.Fail(field, "give exactly one of queue, agent or number");
        Func<CallId, AgentId, IProtocolMessage>? command = null;
        if (given.Count == 1 && queue is not null)
        {
            if (!directory.HasQueue(queue))
                body.Fail("queue", $"there is no queue '{queue}'");
            command = (call, by) => new TransferCall(call, by, new QueueId(queue));
        }
        else if (given.Count == 1 && agent is not null)
        {
            var target = directory.Agent(agent);
            if (target is null)
                body.Fail("agent", $"there is no agent '{agent}'");
            else if (target.Id == id)
                body.Fail("agent", "an agent cannot transfer a call to themselves");
            else if (target.Queues.Count == 0)
                body.Fail("agent", $"agent '{agent}' serves no queue");
            else
                command = (call, by) => new TransferCall(call, by, new QueueId(target.Queues[0]), new AgentId(target.Id));
        }
        else if (given.Count == 1 && number is not null)
        {
            var (address, error) = OutsideAddress(number, directory.Definition);
            if (address is null)
                body.Fail("number", error!);
            command = (call, by) => new TransferCallOut(call, by, address!, Dial: true);
        }
        if (!body.Valid)
            return body.Problem();
        return await OnCallAsync(id, router, command!);
    }

    /// <summary>
    /// Where a transfer out goes: a SIP URI whose host is an IP address (<c>sip:2000@192.0.2.10:5070</c>) as given; a
    /// number (<c>+441234567890</c>, or digits) to that number at the first trunk of the definition that names a single
    /// address (a carrier's, e.g. <c>sip:+441234567890@192.0.2.10</c>). Null with the reason otherwise.
    /// </summary>
    public static (string? Address, string? Error) OutsideAddress(string number, ContactCenterDefinition definition)
    {
        if (number.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
            return UriReference.Parse(number) is SipUri { User: { Length: > 0 } } uri && IPAddress.TryParse(uri.HostAddress, out _)
                ? (uri.ToString(), null)
                : (null, "must be a SIP URI with a user and an IP address host (sip:user@192.0.2.10), or a number");
        if (!Number().IsMatch(number))
            return (null, "must be a number (+ and up to 32 digits) or a SIP URI (sip:user@host)");
        var carrier = definition.Trunks.SelectMany(t => t.Addresses).Select(SingleHost).FirstOrDefault(a => a is not null);
        return carrier is null
            ? (null, "a number needs a trunk with a single address in the definition to be sent to; give a SIP URI")
            : ($"sip:{number}@{(carrier.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{carrier}]" : carrier)}", null);
    }

    /// <summary>The one host a trunk's address names (<c>192.0.2.10</c>, or <c>192.0.2.10/32</c>); null for a range.</summary>
    private static IPAddress? SingleHost(string address) =>
        IPNetwork.TryParse(address, out var network) && network.PrefixLength == network.BaseAddress.GetAddressBytes().Length * 8
            ? network.BaseAddress
            : IPAddress.TryParse(address, out var host) ? host : null;

    /// <summary>Sends the call the agent is talking on its command; 409 when the agent is on no call.</summary>
    private static async Task<IResult> OnCallAsync(string id, EntityRouter router, Func<CallId, AgentId, IProtocolMessage> command)
    {
        var agent = new AgentId(id);
        var (view, unavailable) = await router.AskAsync<AgentView>(new GetAgent(agent), $"agent {id}");
        if (unavailable is not null)
            return unavailable;
        if (view!.Status != AgentStatus.OnCall || view.CallId is not { } call)
            return Problems.Refused(new CommandRejected(id, $"agent is {view.Status}, not on a call"));
        return await router.CommandAsync(command(call, agent), $"call {call}");
    }

    [GeneratedRegex(@"^\+?[0-9]{1,32}$")]
    private static partial Regex Number();
}

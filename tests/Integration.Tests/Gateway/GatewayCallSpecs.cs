using Xunit.Abstractions;

namespace CallCenter.Integration.Tests.Gateway;

/// <summary>
/// Calls through the node's SIP gateway as a carrier and agents' phones meet it: sipp callers dial an
/// entry point, sipp agent phones (registered with digest) answer, refuse, ring out, hang up, hold or
/// transfer. Each spec bounds every sipp run (-timeout and the wait), resets the agents first, and on
/// failure prints the sipp logs and message traces with the node's output.
/// Callers use 127.0.0.41 and up, one address per spec; agents' phones their fixed addresses (GatewayNode).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayCallSpecs(GatewayNode gateway, ITestOutputHelper output)
{
    private static readonly TimeSpan SippTimeout = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private int NodePort => gateway.Node.SipPort;

    [Fact]
    public async Task Answered_call_should_relay_media_both_ways_and_end_both_legs_when_the_caller_hangs_up()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001");
        var before = await gateway.FiguresAsync("a");

        await using var agent = await Agent("3001", "agent_answer.xml");
        await using var trail = StatusTrail.Watch(gateway, "3001");
        await using var caller = Sipp.Caller("100", "127.0.0.41", "caller_bye.xml", NodePort, SippTimeout, "-d", "3000");
        await ExpectSuccessAsync(caller, agent);

        var invite = ExpectInvite(agent, caller, "3001");
        var media = await gateway.AwaitMediaAsync(invite.CallCenterCall);
        Assert.True(media.CallerToAgent > 0 && media.AgentToCaller > 0,
            $"RTP was not relayed both ways ({media}); sipp plays g711a.pcap and the agent echoes it\n{gateway.Explain(caller, agent)}");

        await gateway.AwaitStatusAsync("3001", "ready", TimeSpan.FromSeconds(10));
        await trail.StopAsync();
        Assert.True(trail.Saw("on-call", "wrap-up", "ready"), $"agent 3001 went {trail}, not on-call -> wrap-up -> ready\n{gateway.NodeTail()}");
        var after = await gateway.FiguresAsync("a");
        Assert.True(after.Answered == before.Answered + 1, $"queue a answered {before.Answered} -> {after.Answered}, expected +1");
    }

    [Fact]
    public async Task Caller_hanging_up_while_queued_should_get_487_and_count_as_abandoned()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync(); // nobody ready: the call waits in queue a
        var before = await gateway.FiguresAsync("a");

        await using var caller = Sipp.Caller("100", "127.0.0.42", "caller_cancel.xml", NodePort, SippTimeout, "-d", "1500");
        await ExpectSuccessAsync(caller);

        await GatewayNode.AwaitAsync(async () => (await gateway.FiguresAsync("a")) is { } f && f.Abandoned == before.Abandoned + 1 && f.Waiting == 0,
            TimeSpan.FromSeconds(10), async () => $"queue a: before {before}, now {await gateway.FiguresAsync("a")}; expected abandoned +1 and nobody waiting\n{gateway.NodeTail()}");
    }

    [Fact]
    public async Task Caller_hanging_up_while_the_agent_rings_should_cancel_the_agent_leg_and_leave_the_agent_ready()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001");

        // The agent's phone rings (180) and expects the gateway's CANCEL; the caller gives up after 1.5 s,
        // well inside the 3 s ring timeout.
        await using var agent = await Agent("3001", "agent_no_answer.xml");
        await using var caller = Sipp.Caller("100", "127.0.0.43", "caller_cancel.xml", NodePort, SippTimeout, "-d", "1500");
        await ExpectSuccessAsync(caller, agent);

        ExpectInvite(agent, caller, "3001");
        await gateway.AwaitStatusAsync("3001", "ready", TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(486, "rejected", "127.0.0.44")]
    [InlineData(503, "phone-unreachable", "127.0.0.52")]
    public async Task Agent_phone_refusing_should_put_the_agent_not_ready_with_the_reason_and_the_next_agent_should_answer(int status, string reason, string callerAddress)
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001", "3002"); // 3001 idle longest: offered first

        var dir = Directory.CreateTempSubdirectory("sipp-refusing-").FullName;
        var scenario = Path.Combine(dir, "agent_refusing.xml");
        await File.WriteAllTextAsync(scenario, (await File.ReadAllTextAsync(Sipp.Scenario("agent_busy.xml")))
            .Replace("SIP/2.0 486 Busy Here", status == 486 ? "SIP/2.0 486 Busy Here" : $"SIP/2.0 {status} Service Unavailable"));
        await using var refusing = await Agent("3001", scenario);
        await using var next = await Agent("3002", "agent_answer.xml");
        await using var caller = Sipp.Caller("100", callerAddress, "caller_bye.xml", NodePort, SippTimeout, "-d", "2000");
        await ExpectSuccessAsync(caller, refusing, next);

        ExpectInvite(refusing, caller, "3001");
        ExpectInvite(next, caller, "3002");
        await gateway.AwaitStatusAsync("3001", "not-ready", TimeSpan.FromSeconds(5), reason: reason);
    }

    [Fact]
    public async Task Ring_no_answer_should_cancel_the_first_agent_make_it_not_ready_and_offer_the_call_to_the_next()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001", "3002");

        await using var silent = await Agent("3001", "agent_no_answer.xml");
        await using var next = await Agent("3002", "agent_answer.xml");
        await using var caller = Sipp.Caller("100", "127.0.0.45", "caller_bye.xml", NodePort, SippTimeout, "-d", "2000");
        await ExpectSuccessAsync(caller, silent, next);

        ExpectInvite(silent, caller, "3001");
        ExpectInvite(next, caller, "3002");
        await gateway.AwaitStatusAsync("3001", "not-ready", TimeSpan.FromSeconds(5), reason: "no-answer");
    }

    [Fact]
    public async Task Agent_hanging_up_should_end_the_caller_leg_and_the_agent_should_wrap_up_then_be_ready()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001");

        await using var agent = await Agent("3001", "agent_bye.xml", "-d", "2500");
        await using var trail = StatusTrail.Watch(gateway, "3001");
        await using var caller = Sipp.Caller("100", "127.0.0.46", "caller_wait_bye.xml", NodePort, SippTimeout);
        await ExpectSuccessAsync(caller, agent);

        var invite = ExpectInvite(agent, caller, "3001");
        var media = await gateway.AwaitMediaAsync(invite.CallCenterCall);
        Assert.True(media.CallerToAgent > 0 && media.AgentToCaller > 0, $"RTP was not relayed both ways ({media})\n{gateway.Explain(caller, agent)}");
        await gateway.AwaitStatusAsync("3001", "ready", TimeSpan.FromSeconds(10));
        await trail.StopAsync();
        Assert.True(trail.Saw("on-call", "wrap-up", "ready"), $"agent 3001 went {trail}, not on-call -> wrap-up -> ready\n{gateway.NodeTail()}");
    }

    [Fact]
    public async Task Hold_and_resume_from_the_agent_should_reach_the_caller_and_the_callers_answers_the_agent()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001");

        // agent_hold checks the caller's a=recvonly / a=sendrecv answers; caller_hold checks the gateway's
        // re-INVITEs carry a=sendonly then a=sendrecv.
        await using var agent = await Agent("3001", "agent_hold.xml", "-d", "1000");
        await using var caller = Sipp.Caller("100", "127.0.0.47", "caller_hold.xml", NodePort, SippTimeout);
        await ExpectSuccessAsync(caller, agent);

        ExpectInvite(agent, caller, "3001");
    }

    [Theory]
    [InlineData("b", "127.0.0.48")]
    [InlineData("200", "127.0.0.49")]
    public async Task Blind_transfer_to_a_queue_or_entry_point_should_keep_the_caller_and_reach_an_agent_of_that_queue(string target, string callerAddress)
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001", "3003");
        var before = await gateway.FiguresAsync("b");

        // 3001 answers, talks 1.5 s, sends REFER, expects 202 and a NOTIFY "SIP/2.0 200 OK", then the
        // gateway's BYE. The caller stays on (any BYE or re-INVITE to it fails caller_transfer) and
        // 3003, in queue b, answers; the caller hangs up 6 s + 3 s after its answer.
        await using var first = await Agent("3001", "agent_refer.xml", "-d", "1500", "-key", "refer_to", $"{target}@127.0.0.1:{NodePort}");
        await using var second = await Agent("3003", "agent_answer.xml");
        await using var caller = Sipp.Caller("100", callerAddress, "caller_transfer.xml", NodePort, SippTimeout, "-d", "6000");
        await ExpectSuccessAsync(caller, first, second);

        ExpectInvite(first, caller, "3001");
        var invite = ExpectInvite(second, caller, "3003");
        var media = await gateway.AwaitMediaAsync(invite.CallCenterCall);
        Assert.True(media.CallerToAgent > 0 && media.AgentToCaller > 0, $"RTP was not relayed both ways ({media})\n{gateway.Explain(caller, first, second)}");
        var after = await gateway.FiguresAsync("b");
        Assert.True(after.Answered == before.Answered + 1, $"queue b answered {before.Answered} -> {after.Answered}, expected +1\n{gateway.NodeTail()}");
    }

    [Fact]
    public async Task Blind_transfer_to_an_agent_should_wait_for_that_agent_only()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001");

        // 3001 answers and REFERs the call to agent 3002 (also of queue a). 3001 is ready again 1 s later,
        // but the call waits for 3002, who goes ready only 3 s after the transfer.
        await using var first = await Agent("3001", "agent_refer.xml", "-d", "1500", "-key", "refer_to", $"3002@127.0.0.1:{NodePort}");
        await using var second = await Agent("3002", "agent_answer.xml");
        await using var caller = Sipp.Caller("100", "127.0.0.53", "caller_transfer.xml", NodePort, SippTimeout, "-d", "8000");
        await gateway.AwaitStatusAsync("3001", "wrap-up", TimeSpan.FromSeconds(15));
        await gateway.AwaitStatusAsync("3001", "ready", TimeSpan.FromSeconds(5));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await gateway.SetStatusAsync("3002", "ready");
        await ExpectSuccessAsync(caller, first, second);

        ExpectInvite(first, caller, "3001");
        var invite = ExpectInvite(second, caller, "3002");
        var media = await gateway.AwaitMediaAsync(invite.CallCenterCall);
        Assert.True(media.CallerToAgent > 0 && media.AgentToCaller > 0, $"RTP was not relayed both ways ({media})\n{gateway.Explain(caller, first, second)}");
        // Offered to 3001 again, it would have rung out (its phone is gone) and be not-ready "no-answer".
        Assert.Equal("ready", await gateway.StatusAsync("3001"));
    }

    [Fact]
    public async Task Blind_transfer_out_should_bridge_the_caller_to_the_outside_party_and_free_the_agent()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001");

        // 3001 REFERs the call to a SIP address on another host; sipp plays the outside party there.
        await using var first = await Agent("3001", "agent_refer.xml", "-d", "1500", "-key", "refer_to", $"7777@127.0.0.60:{Sipp.SipPort}");
        await using var outside = await Sipp.AgentAsync("7777", "127.0.0.60", "agent_answer.xml", NodePort, SippTimeout);
        await using var caller = Sipp.Caller("100", "127.0.0.54", "caller_transfer.xml", NodePort, SippTimeout, "-d", "4000");
        await ExpectSuccessAsync(caller, first, outside);

        var invite = ExpectInvite(outside, caller, "7777");
        var media = await gateway.AwaitMediaAsync(invite.CallCenterCall);
        Assert.True(media.CallerToAgent > 0 && media.AgentToCaller > 0, $"RTP was not relayed both ways ({media})\n{gateway.Explain(caller, first, outside)}");
        await gateway.AwaitStatusAsync("3001", "ready", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Outside_party_hanging_up_after_a_transfer_out_should_end_the_callers_leg()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001");

        // The outside party hangs up 2 s after answering; the caller waits for the gateway's BYE.
        await using var first = await Agent("3001", "agent_refer.xml", "-d", "1500", "-key", "refer_to", $"7777@127.0.0.60:{Sipp.SipPort}");
        await using var outside = await Sipp.AgentAsync("7777", "127.0.0.60", "agent_bye.xml", NodePort, SippTimeout, "-d", "2000");
        await using var caller = Sipp.Caller("100", "127.0.0.56", "caller_wait_bye.xml", NodePort, SippTimeout);
        await ExpectSuccessAsync(caller, first, outside);

        var invite = ExpectInvite(outside, caller, "7777");
        var media = await gateway.AwaitMediaAsync(invite.CallCenterCall);
        Assert.True(media.CallerToAgent > 0 && media.AgentToCaller > 0, $"RTP was not relayed both ways ({media})\n{gateway.Explain(caller, first, outside)}");
        await gateway.AwaitStatusAsync("3001", "ready", TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("999", "127.0.0.50", 404)] // no such entry point
    [InlineData("100", "127.0.0.140", 403)] // outside the only trunk, 127.0.0.0/25
    public async Task Call_should_be_refused_for_an_unknown_number_or_a_source_outside_every_trunk(string number, string callerAddress, int expected)
    {
        var dir = Directory.CreateTempSubdirectory("sipp-refused-").FullName;
        var scenario = Path.Combine(dir, "caller_refused.xml");
        await File.WriteAllTextAsync(scenario, (await File.ReadAllTextAsync(Sipp.Scenario("caller_refused.xml")))
            .Replace("<recv response=\"404\"/>", $"<recv response=\"{expected}\"/>"));

        await using var caller = Sipp.Caller(number, callerAddress, scenario, NodePort, TimeSpan.FromSeconds(15));
        await ExpectSuccessAsync(caller);
    }

    [Fact]
    public async Task Desktop_hold_should_play_music_to_the_caller_resume_should_bridge_again_and_transfer_should_reach_the_next_agent()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001");

        // 3001 answers and echoes; the desktop holds the call, resumes it, readies 3003 (queue b) and transfers the call
        // there: 3001's leg gets the BYE, 3003 answers. The caller stays on throughout (caller_transfer fails on any BYE or
        // re-INVITE to it) and hangs up 9 s + 3 s after its answer, which ends 3003's leg.
        await using var first = await Agent("3001", "agent_answer.xml");
        await using var second = await Agent("3003", "agent_answer.xml");
        await using var caller = Sipp.Caller("100", "127.0.0.57", "caller_transfer.xml", NodePort, SippTimeout, "-d", "9000");
        await gateway.AwaitStatusAsync("3001", "on-call", TimeSpan.FromSeconds(15));
        var call = (await gateway.AgentAsync("3001")).GetProperty("callId").GetString()!;
        await Task.Delay(500);

        await gateway.PressAsync("3001", "hold");
        await gateway.AwaitOnHoldAsync("3001", true);
        await Task.Delay(1500);
        await gateway.PressAsync("3001", "resume");
        await gateway.AwaitOnHoldAsync("3001", false);
        await Task.Delay(1500);
        await gateway.SetStatusAsync("3003", "ready");
        await gateway.PressAsync("3001", "transfer", new { queue = "b" });
        await gateway.AwaitStatusAsync("3001", "wrap-up", TimeSpan.FromSeconds(10));
        await ExpectSuccessAsync(caller, first, second);

        ExpectInvite(first, caller, "3001");
        ExpectInvite(second, caller, "3003");
        var legs = gateway.HoldLines(call);
        Assert.True(legs.MusicPackets > 25, $"the caller should hear the hold music (about 50 packets a second): {legs}\n{gateway.NodeTail()}");
        Assert.True(legs.AtEnd.CallerToAgent > legs.AtHold.CallerToAgent && legs.AtEnd.AgentToCaller > legs.AtHold.AgentToCaller,
            $"RTP should be relayed both ways again after the resume: {legs}\n{gateway.NodeTail()}");
        var media = await gateway.AwaitMediaAsync(call);
        Assert.True(media.CallerToAgent > legs.AtEnd.CallerToAgent && media.AgentToCaller > legs.AtEnd.AgentToCaller,
            $"RTP should be relayed both ways with the second agent ({media}, first agent's leg {legs.AtEnd})\n{gateway.NodeTail()}");
        var figures = await gateway.AgentAsync("3001");
        Assert.True(figures.GetProperty("callsToday").GetInt32() >= 1 && figures.GetProperty("handleSecondsToday").GetDouble() >= 3, $"3001's figures today: {figures}");
    }

    [Fact]
    public async Task Desktop_transfer_out_to_a_busy_number_should_end_the_callers_leg()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001");

        // The outside party answers 486; the agent has left already, so the gateway hangs up on the caller, who waits for
        // that BYE (well before the leg check, 30 s here, would notice the call is over).
        await using var agent = await Agent("3001", "agent_answer.xml");
        await using var outside = await Sipp.AgentAsync("7777", "127.0.0.64", "agent_busy.xml", NodePort, TimeSpan.FromSeconds(20));
        await using var caller = Sipp.Caller("100", "127.0.0.59", "caller_wait_bye.xml", NodePort, TimeSpan.FromSeconds(20));
        await gateway.AwaitStatusAsync("3001", "on-call", TimeSpan.FromSeconds(15));

        await gateway.PressAsync("3001", "transfer", new { number = $"sip:7777@127.0.0.64:{Sipp.SipPort}" });

        await ExpectSuccessAsync(caller, agent, outside);
        await gateway.AwaitStatusAsync("3001", "ready", TimeSpan.FromSeconds(10));
    }

    private Task<BackgroundTool> Agent(string agent, string scenario, params string[] extra) =>
        Sipp.AgentAsync(agent, GatewayNode.Phones[agent].Address, scenario, NodePort, SippTimeout, extra);

    /// <summary>Waits for every sipp run and fails, with all their logs and the node's output, unless each exited 0.</summary>
    private async Task ExpectSuccessAsync(params BackgroundTool[] runs)
    {
        var exits = new List<(BackgroundTool Run, int Exit)>();
        foreach (var run in runs)
            exits.Add((run, await run.WaitAsync(WaitLimit)));
        var failed = exits.Where(e => e.Exit != 0).ToList();
        if (failed.Count == 0)
            return;
        var explanation = gateway.Explain(runs);
        output.WriteLine(explanation);
        Assert.Fail($"{string.Join(", ", failed.Select(f => $"{f.Run.Name} exited {f.Exit}"))} (sipp: 0 = every call succeeded, 1 = a call failed, -1 = killed at the limit)\n{explanation}");
    }

    /// <summary>The gateway's INVITE reached <paramref name="agentId"/>'s phone with From = the caller's user and To = the agent.</summary>
    private AgentInvite ExpectInvite(BackgroundTool agent, BackgroundTool caller, string agentId)
    {
        var invite = Sipp.InviteSeenBy(agent);
        Assert.True(invite is not null, $"agent {agentId}'s phone logged no INVITE\n{gateway.Explain(caller, agent)}");
        Assert.True(invite.From.Contains($"sip:{Sipp.CallerUser(caller)}@"), $"the agent's INVITE should come From the caller's user {Sipp.CallerUser(caller)}: {invite}");
        Assert.True(invite.To.Contains($"sip:{agentId}@"), $"the agent's INVITE should be To {agentId}: {invite}");
        return invite;
    }
}

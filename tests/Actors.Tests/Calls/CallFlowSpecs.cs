using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Queues;
using static CallCenter.Actors.Tests.Support.Pure;

namespace CallCenter.Actors.Tests.Calls;

/// <summary>A call's IVR flow, run by its state one step at a time against the media commands it sends its gateway.</summary>
public sealed class CallFlowSpecs
{
    private const string Gateway = "akka.tcp://callcenter@10.0.0.2:4053/user/gateway";

    public static readonly IvrFlowDefinition Main = new("main", "greeting",
    [
        new PlayStep("greeting", ["welcome"], "menu"),
        new MenuStep("menu", ["main-menu"], new Dictionary<string, string> { ["1"] = "to-billing", ["2"] = "account", ["3"] = "vip", ["9"] = "out" },
            5, 2, ["invalid-choice"], "bye"),
        new CollectStep("account", ["enter-account"], "account", 4, 8, "#", 8, "^[1-9][0-9]*$", 1, ["invalid-choice"], "lookup", "to-billing"),
        new HttpStep("lookup", "http://crm.example/accounts/{account}?from={caller}", 1500, "customer", "say-balance", "to-billing"),
        new SayStep("say-balance", ["balance-is"], "customer.balance", SayFormat.Amount, "route", "route"),
        new BranchStep("route", "customer.tier", new Dictionary<string, string> { ["gold"] = "vip" }, "to-billing"),
        new SetVariablesStep("vip", new Dictionary<string, string> { ["tier"] = "gold", ["note"] = "vip {account}" }, "vip-priority"),
        new SetPriorityStep("vip-priority", 50, "vip-skills"),
        new SetSkillsStep("vip-skills", new Dictionary<string, int> { ["billing"] = 3 }, "to-billing"),
        new QueueStep("to-billing", "billing", "1", "bye"),
        new TransferStep("out", "sip:+3225550999@192.0.2.10", "bye"),
        new PlayStep("bye", ["goodbye"], "end"),
        new HangUpStep("end"),
    ]);

    public static readonly QueueDefinition Billing = QueueDefinition.Named("billing") with
    {
        Hold = new QueueHold("hold-music", ["agents-busy"], 30, AnnouncePosition: true, AnnounceWait: true),
        Recording = new QueueRecording(true, "recorded-notice"),
    };

    public static readonly ContactCenterDefinition Definition = ContactCenterDefinition.Empty with
    {
        Flows = [Main],
        Queues = [Billing, QueueDefinition.Named("sales")],
    };

    private static (CallState State, Decision<ICallEvent> Decision) Step(CallState state, ICallMessage message, double at = 1) =>
        Run(state, message, at);

    private static (CallState State, Decision<ICallEvent> Decision) Run(CallState state, ICallMessage message, double at)
    {
        var decision = state.Process(message, At(at), Definition);
        return (decision.Events.Aggregate(state, (s, e) => s.Apply(e)), decision);
    }

    private static (CallState State, Decision<ICallEvent> Decision) Arrive(string flow = "main", string? gateway = Gateway) =>
        Run(CallState.Initial(Call("c1")), new StartCall(Call("c1"), "+3225550100", "200", null, 0, Skills(),
            new Dictionary<string, string> { ["caller"] = "+32 2 555" }, gateway, flow), 0);

    private static MediaFinished Done(CallState state, MediaOutcome outcome = MediaOutcome.Played, string digits = "") =>
        new(Call("c1"), state.MediaSeq, outcome, digits);

    private static CallState AtMenu() => Step(Arrive().State, Done(Arrive().State)).State;

    private static CallState AtAccount() => Step(AtMenu(), Done(AtMenu(), MediaOutcome.Collected, "2")).State;

    private static CallState AtLookup() => Step(AtAccount(), Done(AtAccount(), MediaOutcome.Terminated, "1234")).State;

    private static T Only<T>(Decision<ICallEvent> decision) => Assert.Single(decision.Messages.OfType<T>());

    [Fact]
    public void CallState_should_answer_a_flow_call_with_its_first_step_and_no_queue()
    {
        var (state, decision) = Arrive();

        Assert.Equal((CallStatus.InIvr, "main", "greeting", 1), (state.Status, state.Flow, state.Step, state.MediaSeq));
        Assert.Equal(new PlayPrompts(Gateway, Call("c1"), 1, ["welcome"]), Assert.Single(decision.Messages), new PlayPromptsComparer());
        Assert.IsType<CommandAccepted>(decision.Reply);
        Assert.Null(state.QueueId);
    }

    [Fact]
    public void CallState_should_refuse_a_call_for_a_flow_it_does_not_know() =>
        Assert.IsType<CommandRejected>(Arrive(flow: "nope").Decision.Reply);

    [Fact]
    public void CallState_should_play_the_menu_and_collect_one_digit_after_the_greeting()
    {
        var play = Only<PlayPrompts>(Step(Arrive().State, Done(Arrive().State)).Decision);

        Assert.Equal((2, "main-menu"), (play.Seq, Assert.Single(play.Prompts)));
        Assert.Equal(new DigitCollection(1, null, 5000), play.Collect);
    }

    [Fact]
    public void CallState_should_ignore_the_media_answer_of_an_earlier_step()
    {
        var menu = AtMenu();

        var decision = Step(menu, new MediaFinished(Call("c1"), menu.MediaSeq - 1, MediaOutcome.Collected, "1")).Decision;

        Assert.Empty(decision.Events);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void CallState_should_send_the_call_to_the_queue_a_menu_digit_names_with_its_hold()
    {
        var (state, decision) = Step(AtMenu(), Done(AtMenu(), MediaOutcome.Collected, "1"));

        Assert.Equal((CallStatus.Queued, Queue("billing")), (state.Status, state.QueueId));
        var enqueue = Only<EnqueueCall>(decision);
        Assert.Equal((Queue("billing"), true), (enqueue.QueueId, enqueue.NeedsPhone));
        var hold = Only<HoldCaller>(decision);
        Assert.Equal((3, "hold-music", "1"), (hold.Seq, hold.Music, hold.ExitDigits));
        Assert.Equal(["recorded-notice", "agents-busy"], hold.Announcement);
    }

    [Fact]
    public void CallState_should_replay_the_menu_after_the_invalid_prompt_on_a_wrong_digit()
    {
        var (state, decision) = Step(AtMenu(), Done(AtMenu(), MediaOutcome.Collected, "7"));

        Assert.Equal(("menu", 1), (state.Step, state.StepAttempt));
        Assert.Equal(["invalid-choice", "main-menu"], Only<PlayPrompts>(decision).Prompts);
    }

    [Fact]
    public void CallState_should_go_to_the_menus_otherwise_step_when_its_retries_are_spent()
    {
        var state = AtMenu();
        for (var i = 0; i < 2; i++)
            state = Step(state, Done(state, MediaOutcome.TimedOut)).State;
        Assert.Equal(("menu", 2), (state.Step, state.StepAttempt));

        var (after, decision) = Step(state, Done(state, MediaOutcome.TimedOut));

        Assert.Equal("bye", after.Step);
        Assert.Equal(["goodbye"], Only<PlayPrompts>(decision).Prompts);
    }

    [Fact]
    public void CallState_should_collect_an_account_number_into_a_variable_and_go_on()
    {
        var account = AtAccount();
        var play = Assert.Single(Step(AtMenu(), Done(AtMenu(), MediaOutcome.Collected, "2")).Decision.Messages.OfType<PlayPrompts>());
        Assert.Equal(new DigitCollection(8, "#", 8000), play.Collect);

        var (state, decision) = Step(account, Done(account, MediaOutcome.Terminated, "1234"));

        Assert.Equal("1234", state.Variables["account"]);
        Assert.Equal("lookup", state.Step);
        Assert.Equal("http://crm.example/accounts/1234?from=%2B32%202%20555", Only<FetchFlowData>(decision).Url);
    }

    [Theory]
    [InlineData("123")]        // too short
    [InlineData("0123")]       // against the pattern
    [InlineData("")]           // nothing typed
    public void CallState_should_ask_again_for_digits_that_are_not_valid(string digits)
    {
        var (state, decision) = Step(AtAccount(), Done(AtAccount(), MediaOutcome.TimedOut, digits));

        Assert.Equal(("account", 1), (state.Step, state.StepAttempt));
        Assert.False(state.Variables.ContainsKey("account"));
        Assert.Equal(["invalid-choice", "enter-account"], Only<PlayPrompts>(decision).Prompts);
    }

    [Fact]
    public void CallState_should_take_digits_that_timed_out_once_there_are_enough()
    {
        var (state, _) = Step(AtAccount(), Done(AtAccount(), MediaOutcome.TimedOut, "98765"));

        Assert.Equal(("lookup", "98765"), (state.Step, state.Variables["account"]));
    }

    [Fact]
    public void CallState_should_keep_a_data_dips_answer_as_variables_and_read_back_the_balance()
    {
        var lookup = AtLookup();

        var (state, decision) = Step(lookup, new FlowDataFetched(Call("c1"), lookup.MediaSeq,
            new Dictionary<string, string> { ["balance"] = "12.50", ["tier"] = "silver" }));

        Assert.Equal(("12.50", "silver"), (state.Variables["customer.balance"], state.Variables["customer.tier"]));
        Assert.Equal(["balance-is", "amount:12.50"], Only<PlayPrompts>(decision).Prompts);
    }

    [Fact]
    public void CallState_should_go_to_the_otherwise_step_when_the_data_dip_fails()
    {
        var lookup = AtLookup();

        var (state, _) = Step(lookup, new FlowDataFetched(Call("c1"), lookup.MediaSeq, null, "timed out"));

        Assert.Equal((CallStatus.Queued, Queue("billing")), (state.Status, state.QueueId));
    }

    [Fact]
    public void CallState_should_run_set_priority_skills_and_branch_steps_at_once()
    {
        var lookup = AtLookup();
        var saying = Step(lookup, new FlowDataFetched(Call("c1"), lookup.MediaSeq,
            new Dictionary<string, string> { ["balance"] = "3", ["tier"] = "gold" })).State;

        var (state, decision) = Step(saying, Done(saying));

        Assert.Equal(("gold", "vip 1234"), (state.Variables["tier"], state.Variables["note"]));
        Assert.Equal((50, 3), (state.Priority, state.RequiredSkills["billing"]));
        var enqueue = Only<EnqueueCall>(decision);
        Assert.Equal((50, 3), (enqueue.Priority, enqueue.RequiredSkills["billing"]));
        Assert.Equal(["route", "vip", "vip-priority", "vip-skills"],
            decision.Events.OfType<FlowStepReached>().Select(s => s.Step));
    }

    [Fact]
    public void CallState_should_skip_reading_back_a_value_that_is_not_an_amount()
    {
        var lookup = AtLookup();

        var (state, decision) = Step(lookup, new FlowDataFetched(Call("c1"), lookup.MediaSeq,
            new Dictionary<string, string> { ["balance"] = "lots" }));

        Assert.Equal(CallStatus.Queued, state.Status);
        Assert.Empty(decision.Messages.OfType<PlayPrompts>());
    }

    [Fact]
    public void CallState_should_end_the_call_and_release_its_legs_on_a_hang_up_step()
    {
        var state = Step(AtMenu(), Done(AtMenu(), MediaOutcome.TimedOut)).State;
        state = Step(state, Done(state, MediaOutcome.TimedOut)).State;
        state = Step(state, Done(state, MediaOutcome.TimedOut)).State;

        var (ended, decision) = Step(state, Done(state));

        Assert.Equal((CallStatus.Ended, CallOutcome.EndedByFlow), (ended.Status, ended.Outcome));
        Assert.Equal(Call("c1"), Only<ReleaseCall>(decision).CallId);
    }

    [Fact]
    public void CallState_should_count_a_caller_hanging_up_mid_menu_as_abandoned_in_the_ivr_not_in_a_queue()
    {
        var (state, decision) = Step(AtMenu(), new HangUpCall(Call("c1"), CallParty.Caller));

        Assert.Equal((CallStatus.Ended, CallOutcome.AbandonedInIvr), (state.Status, state.Outcome));
        Assert.Empty(decision.Messages.OfType<CallAbandoned>());
        Assert.Single(decision.Messages.OfType<ReleaseCall>());
        Assert.NotNull(state.ToView().AbandonedAt);
    }

    [Fact]
    public void CallState_should_leave_the_queue_for_the_exit_step_when_the_caller_presses_the_exit_digit()
    {
        var queued = Step(AtMenu(), Done(AtMenu(), MediaOutcome.Collected, "1")).State;

        var (state, decision) = Step(queued, new CallerPressed(Call("c1"), queued.MediaSeq, "1"));

        Assert.Equal((CallStatus.InIvr, "bye"), (state.Status, state.Step));
        Assert.True(Only<CallAbandoned>(decision).Exited);
        Assert.Equal(["goodbye"], Only<PlayPrompts>(decision).Prompts);
    }

    [Fact]
    public void CallState_should_free_the_agent_being_rung_when_the_caller_leaves_the_queue()
    {
        var queued = Step(AtMenu(), Done(AtMenu(), MediaOutcome.Collected, "1")).State;
        var offered = Step(queued, new CallOffered(Call("c1"), Agent("a1"), Queue("billing"), At(2), "sip:a1@10.0.0.5")).State;

        var decision = Step(offered, new CallerPressed(Call("c1"), offered.MediaSeq, "1")).Decision;

        Assert.Equal(Agent("a1"), Only<AgentCallEnded>(decision).AgentId);
        Assert.Equal(Agent("a1"), Only<DisconnectAgent>(decision).AgentId);
    }

    [Fact]
    public void CallState_should_bridge_to_an_outside_number_and_end_for_the_center_once_bridged()
    {
        var (outside, decision) = Step(AtMenu(), Done(AtMenu(), MediaOutcome.Collected, "9"));
        Assert.Equal("sip:+3225550999@192.0.2.10", Only<BridgeOutside>(decision).Number);

        var (state, bridged) = Step(outside, Done(outside, MediaOutcome.Bridged));

        Assert.Equal((CallStatus.Ended, CallOutcome.EndedByFlow), (state.Status, state.Outcome));
        Assert.Empty(bridged.Messages);
        Assert.Empty(Step(state, new HangUpCall(Call("c1"), CallParty.Caller)).Decision.Messages.OfType<ReleaseCall>());
    }

    [Fact]
    public void CallState_should_go_to_the_otherwise_step_when_the_outside_party_cannot_be_reached()
    {
        var outside = Step(AtMenu(), Done(AtMenu(), MediaOutcome.Collected, "9")).State;

        Assert.Equal("bye", Step(outside, Done(outside, MediaOutcome.Failed)).State.Step);
    }

    [Fact]
    public void CallState_should_announce_position_and_wait_only_when_they_improve()
    {
        var queued = Step(AtMenu(), Done(AtMenu(), MediaOutcome.Collected, "1")).State;

        var first = queued.Announce(new CallPosition(Call("c1"), 3, 200), Definition, At(30));
        var hold = Only<HoldCaller>(first);
        Assert.Equal(["caller-number", "number:3", "wait-time", "number:4", "minutes"], hold.Announcement);
        Assert.Equal((queued.MediaSeq + 1, "1"), (hold.Seq, hold.ExitDigits));
        var told = first.Events.Aggregate(queued, (s, e) => s.Apply(e));

        Assert.Empty(told.Announce(new CallPosition(Call("c1"), 3, 200), Definition, At(60)).Messages);
        Assert.Equal(["caller-number", "number:2", "wait-time", "less-than-one-minute"],
            Only<HoldCaller>(told.Announce(new CallPosition(Call("c1"), 2, 40), Definition, At(90))).Announcement);
    }

    [Fact]
    public void CallState_should_resume_the_step_it_was_in_with_the_same_media_number()
    {
        var account = AtAccount();

        var resumed = Assert.IsType<PlayPrompts>(Assert.Single(account.Resume(Definition)));

        Assert.Equal((account.MediaSeq, "enter-account"), (resumed.Seq, resumed.Prompts.Single()));
        Assert.Empty(Step(AtMenu(), Done(AtMenu(), MediaOutcome.Collected, "1")).State.Resume(Definition));
    }

    [Fact]
    public void CallState_should_record_calls_answered_from_a_recorded_queue()
    {
        var queued = Step(AtMenu(), Done(AtMenu(), MediaOutcome.Collected, "1")).State;
        var offered = Step(queued, new CallOffered(Call("c1"), Agent("a1"), Queue("billing"), At(2), "sip:a1@10.0.0.5")).State;

        var (talking, decision) = Step(offered, new AgentAnswered(Call("c1"), Agent("a1")));

        Assert.True(Only<ConnectAgent>(decision).Record);
        var (saved, _) = Step(talking, new CallRecorded(Call("c1"), Agent("a1"), "/rec/c1-a1.wav", 12.5, "ab12"));
        Assert.Equal(("/rec/c1-a1.wav", 12.5), (saved.Recordings!.Single().Path, saved.Recordings!.Single().DurationSeconds));
        Assert.Empty(Step(saved, new CallRecorded(Call("c1"), Agent("a1"), "/rec/c1-a1.wav", 12.5, "ab12")).Decision.Events);
    }

    [Fact]
    public void CallState_should_hold_a_call_for_a_queue_with_hold_from_its_arrival_and_not_otherwise()
    {
        ICallMessage Direct(string queue) => new StartCall(Call("c1"), "+32", "100", Queue(queue), 0, Skills(), new Dictionary<string, string>(), Gateway);

        var held = CallState.Initial(Call("c1")).Process(Direct("billing"), At(0), Definition);
        var ringing = CallState.Initial(Call("c1")).Process(Direct("sales"), At(0), Definition);

        Assert.Equal(["recorded-notice", "agents-busy"], Only<HoldCaller>(held).Announcement);
        Assert.Empty(ringing.Messages.OfType<HoldCaller>());
    }

    [Fact]
    public void CallState_should_end_a_flow_that_loops_without_waiting_for_the_caller()
    {
        var loop = new IvrFlowDefinition("loop", "a",
        [
            new SetVariablesStep("a", new Dictionary<string, string> { ["x"] = "1" }, "b"),
            new BranchStep("b", "x", new Dictionary<string, string>(), "a"),
        ]);
        var definition = ContactCenterDefinition.Empty with { Flows = [loop] };

        var decision = CallState.Initial(Call("c1")).Process(new StartCall(Call("c1"), "+32", "200", null, 0, Skills(),
            new Dictionary<string, string>(), Gateway, "loop"), At(0), definition);

        var ended = Assert.Single(decision.Events.OfType<CallEnded>());
        Assert.Equal(CallOutcome.EndedByFlow, ended.Outcome);
        Assert.Contains("without waiting", ended.Reason);
    }

    /// <summary>Compares the prompt lists by content (records compare lists by reference).</summary>
    private sealed class PlayPromptsComparer : IEqualityComparer<IProtocolMessage>
    {
        public bool Equals(IProtocolMessage? x, IProtocolMessage? y) =>
            x is PlayPrompts a && y is PlayPrompts b && a with { Prompts = [] } == b with { Prompts = [] } && a.Prompts.SequenceEqual(b.Prompts);

        public int GetHashCode(IProtocolMessage obj) => 0;
    }
}

using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Queues;
using static CallCenter.Actors.Tests.Support.Pure;

namespace CallCenter.Actors.Tests.Agents;

/// <summary>The agent's registered phone: what the gateway's registrar tells it, and what calls with SIP legs need.</summary>
public sealed class AgentPhoneSpecs
{
    private const string Contact = "sip:a1@10.0.0.5:5060";

    private static readonly AgentState Ready = ReadyAgent("a1", Skills(("sales", 3)), "sales", "support");

    private static AgentState WithPhone(AgentState agent, double expiresAt = 3600, string contact = Contact) =>
        agent.Run(new RegisterPhone(agent.Id, contact, At(expiresAt)), At(0)).State;

    private static AgentState Reserved(AgentState agent, string call = "c1") =>
        agent.Run(agent.Reserve(call, "sales") with { NeedsPhone = true }, At(1)).State;

    [Fact]
    public void AgentState_should_keep_the_phone_it_registers()
    {
        var (state, decision) = ConfiguredAgent("a1", null, "sales").Run(new RegisterPhone(Agent("a1"), Contact, At(3600)), At(0));

        Assert.Equal(new AgentPhone(Contact, At(3600)), state.Phone);
        Assert.Equal(new AgentPhoneRegistered(Contact, At(3600), At(0)), Assert.Single(decision.Events));
        Assert.IsType<CommandAccepted>(decision.Reply);
        Assert.Equal(Contact, state.ToView(At(0)).Phone);
    }

    [Fact]
    public void AgentState_should_store_a_refresh_that_extends_the_registration()
    {
        var (state, decision) = WithPhone(Ready).Run(new RegisterPhone(Agent("a1"), Contact, At(7200)), At(3000));

        Assert.Equal(new AgentPhoneRegistered(Contact, At(7200), At(3000)), Assert.Single(decision.Events));
        Assert.Equal(At(7200), state.Phone!.ExpiresAt);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void AgentState_should_store_nothing_for_an_identical_registration()
    {
        var decision = WithPhone(Ready).Process(new RegisterPhone(Agent("a1"), Contact, At(3600)), At(10));

        Assert.Empty(decision.Events);
        Assert.IsType<CommandAccepted>(decision.Reply);
    }

    [Fact]
    public void AgentState_should_refuse_a_phone_for_an_agent_never_configured() =>
        Assert.IsType<CommandRejected>(AgentState.Initial(Agent("ghost"))
            .Process(new RegisterPhone(Agent("ghost"), Contact, At(3600)), At(0)).Reply);

    [Fact]
    public void AgentState_should_refuse_a_registration_that_has_already_expired() =>
        Assert.IsType<CommandRejected>(Ready.Process(new RegisterPhone(Agent("a1"), Contact, At(0)), At(0)).Reply);

    [Fact]
    public void AgentState_should_forget_its_phone_when_it_unregisters()
    {
        var (state, decision) = WithPhone(Ready).Run(new UnregisterPhone(Agent("a1"), Contact), At(50));

        Assert.Null(state.Phone);
        Assert.Equal(new AgentPhoneUnregistered(Contact, AgentState.PhoneUnregisteredReason, At(50)), Assert.Single(decision.Events));
        Assert.IsType<CommandAccepted>(decision.Reply);
    }

    [Fact]
    public void AgentState_should_keep_its_phone_when_another_contact_unregisters()
    {
        var (state, decision) = WithPhone(Ready).Run(new UnregisterPhone(Agent("a1"), "sip:a1@10.0.0.9:5060"), At(50));

        Assert.Equal(Contact, state.Phone!.Contact);
        Assert.Empty(decision.Events);
        Assert.IsType<CommandAccepted>(decision.Reply);
    }

    [Fact]
    public void AgentState_should_forget_its_phone_when_the_registration_expires()
    {
        var registered = WithPhone(Ready, expiresAt: 60);

        var early = registered.PhoneExpired(At(59));
        var (state, decision) = registered.Step(registered.PhoneExpired(At(60)));

        Assert.Empty(early.Events);
        Assert.Null(state.Phone);
        Assert.Equal(new AgentPhoneUnregistered(Contact, AgentState.PhoneExpiredReason, At(60)), Assert.Single(decision.Events));
    }

    [Fact]
    public void AgentState_should_keep_a_refreshed_phone_when_the_old_expiry_fires()
    {
        var refreshed = WithPhone(WithPhone(Ready, expiresAt: 60), expiresAt: 120);

        Assert.Empty(refreshed.PhoneExpired(At(60)).Events);
    }

    [Fact]
    public void AgentState_should_tell_its_queues_when_a_phone_appears_or_goes_while_ready()
    {
        var (registered, appeared) = Ready.Run(new RegisterPhone(Agent("a1"), Contact, At(3600)), At(5));
        var (_, gone) = registered.Run(new UnregisterPhone(Agent("a1"), Contact), At(9));

        Assert.Equal([(Queue("sales"), true), (Queue("support"), true)],
            appeared.Messages.Cast<AgentAvailable>().Select(a => (a.QueueId, a.HasPhone)));
        Assert.Equal([(Queue("sales"), false), (Queue("support"), false)],
            gone.Messages.Cast<AgentAvailable>().Select(a => (a.QueueId, a.HasPhone)));
    }

    [Fact]
    public void AgentState_should_not_tell_its_queues_of_a_phone_while_not_ready()
    {
        var away = ConfiguredAgent("a1", null, "sales");

        Assert.Empty(away.Process(new RegisterPhone(Agent("a1"), Contact, At(3600)), At(0)).Messages);
        Assert.Empty(WithPhone(away).Process(new UnregisterPhone(Agent("a1"), Contact), At(1)).Messages);
    }

    [Fact]
    public void AgentState_should_say_whether_it_has_a_phone_when_it_becomes_ready()
    {
        var registered = WithPhone(ConfiguredAgent("a1", null, "sales"));

        var decision = registered.Process(new SetAgentStatus(Agent("a1"), RequestedStatus.Ready, null), At(10));

        Assert.True(Assert.IsType<AgentAvailable>(Assert.Single(decision.Messages)).HasPhone);
    }

    [Fact]
    public void AgentState_should_decline_a_call_that_needs_a_phone_without_one_and_stay_available()
    {
        var (state, decision) = Ready.Run(Ready.Reserve("c1", "sales") with { NeedsPhone = true }, At(1));

        Assert.Equal(AgentStatus.Ready, state.Status);
        Assert.Equal(new ReservationDeclined(Queue("sales"), Agent("a1"), Call("c1"), AgentState.NoPhoneReason), decision.Messages[0]);
        // The queue drops an agent who declines: the agent is put back, for calls without SIP legs.
        var again = Assert.IsType<AgentAvailable>(decision.Messages[1]);
        Assert.Equal((Queue("sales"), false), (again.QueueId, again.HasPhone));
        Assert.Equal(2, decision.Messages.Count);
    }

    [Fact]
    public void AgentState_should_accept_a_call_that_needs_a_phone_and_name_its_contact()
    {
        var registered = WithPhone(Ready);

        var (state, decision) = registered.Run(registered.Reserve("c1", "sales") with { NeedsPhone = true }, At(1));

        Assert.Equal(AgentStatus.Reserved, state.Status);
        Assert.Equal(new ReservationAccepted(Queue("sales"), Agent("a1"), Call("c1"), Contact, Reservation: 1), decision.Messages[0]);
    }

    [Fact]
    public void AgentState_should_name_its_contact_when_it_says_yes_again() =>
        Assert.Equal(new ReservationAccepted(Queue("sales"), Agent("a1"), Call("c1"), Contact, Reservation: 1),
            Assert.Single(Reserved(WithPhone(Ready)).Process(Ready.Reserve("c1", "sales"), At(2)).Messages));

    [Fact]
    public void AgentState_should_answer_the_call_the_phone_names()
    {
        var (state, decision) = Reserved(WithPhone(Ready)).Run(new AnswerOffer(Agent("a1"), Call("c1")), At(4));

        Assert.Equal(AgentStatus.OnCall, state.Status);
        Assert.Equal(new AgentAnswered(Call("c1"), Agent("a1"), Reservation: 1), Assert.Single(decision.Messages));
    }

    [Fact]
    public void AgentState_should_refuse_an_answer_for_a_call_it_does_not_hold()
    {
        var (state, decision) = Reserved(WithPhone(Ready)).Run(new AnswerOffer(Agent("a1"), Call("c0")), At(4));

        Assert.Equal(AgentStatus.Reserved, state.Status);
        Assert.Contains("c0", Assert.IsType<CommandRejected>(decision.Reply).Reason);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void AgentState_should_go_not_ready_with_the_gateway_reason_when_the_phone_is_unreachable()
    {
        var (state, decision) = Reserved(WithPhone(Ready))
            .Run(new RejectOffer(Agent("a1"), Call("c1"), NotReadyReasonCodes.PhoneUnreachable), At(3));

        Assert.Equal((AgentStatus.NotReady, NotReadyReasonCodes.PhoneUnreachable), (state.Status, state.Reason));
        Assert.Equal(new OfferFailed(Queue("sales"), Agent("a1"), Call("c1"), NotReadyReasonCodes.PhoneUnreachable), Assert.Single(decision.Messages));
    }

    [Fact]
    public void AgentState_should_go_not_ready_rejected_when_the_named_call_is_rejected_without_a_reason() =>
        Assert.Equal(NotReadyReasonCodes.Rejected,
            Reserved(WithPhone(Ready)).Run(new RejectOffer(Agent("a1"), Call("c1")), At(3)).State.Reason);

    [Fact]
    public void AgentState_should_refuse_a_rejection_for_a_call_it_does_not_hold()
    {
        var (state, decision) = Reserved(WithPhone(Ready)).Run(new RejectOffer(Agent("a1"), Call("c0"), "busy"), At(3));

        Assert.Equal(AgentStatus.Reserved, state.Status);
        Assert.IsType<CommandRejected>(decision.Reply);
    }

    [Fact]
    public void NotReadyReasonCodes_should_include_what_the_platform_and_the_gateway_set() =>
        Assert.Superset(new HashSet<string> { "no-answer", "supervisor", "rejected", "phone-unreachable" },
            NotReadyReasonCodes.Platform.ToHashSet());
}

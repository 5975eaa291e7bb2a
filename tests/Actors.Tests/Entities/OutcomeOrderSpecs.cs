using Akka.Actor;
using Akka.Configuration;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Definition;
using Xunit.Abstractions;

namespace CallCenter.Actors.Tests.Entities;

/// <summary>
/// An entity decides on its applied state at once but lets nothing out (messages to other entities,
/// replies, query answers) until the events behind it are stored: no one may learn of a fact a crash
/// could still take back.
/// </summary>
public sealed class OutcomeOrderSpecs(ITestOutputHelper output)
    : EntityTestKit(output, ConfigurationFactory.ParseString(GatedJournal.Hocon)), IDisposable
{
    private static readonly TimeSpan Held = TimeSpan.FromMilliseconds(400);

    private async Task Center()
    {
        GatedJournal.Open();
        await ConfigureQueue(QueueDefinition.Named("sales"), "a1");
        await ConfigureAgent("a1", new Dictionary<string, int>(), "sales");
    }

    [Fact]
    public async Task Entity_should_neither_reply_nor_tell_other_entities_before_its_events_are_stored()
    {
        await Center();
        var asker = CreateTestProbe();
        GatedJournal.Close();

        Router.Tell(new SetAgentStatus(new AgentId("a1"), RequestedStatus.Ready, null), asker);

        asker.ExpectNoMsg(Held);
        Assert.Empty((await GetQueue("sales")).AvailableAgents);
        GatedJournal.Open();
        asker.ExpectMsg<CommandAccepted>(Patience);
        await AwaitQueue("sales", q => Assert.Single(q.AvailableAgents));
    }

    [Fact]
    public async Task Entity_should_answer_a_query_only_once_the_state_it_shows_is_stored()
    {
        await Center();
        var asker = CreateTestProbe();
        GatedJournal.Close();
        Router.Tell(new SetAgentStatus(new AgentId("a1"), RequestedStatus.Ready, null), ActorRefs.Nobody);

        Router.Tell(new GetAgent(new AgentId("a1")), asker);

        asker.ExpectNoMsg(Held);
        GatedJournal.Open();
        Assert.Equal(AgentStatus.Ready, asker.ExpectMsg<AgentView>(Patience).Status);
    }

    [Fact]
    public async Task Entity_told_to_stop_should_first_let_out_the_decision_it_is_storing()
    {
        await Center();
        var entity = await Sys.ActorSelection("/user/agents/a1").ResolveOne(Patience);
        Watch(entity);
        var asker = CreateTestProbe();
        GatedJournal.Close();
        Router.Tell(new SetAgentStatus(new AgentId("a1"), RequestedStatus.Ready, null), asker);
        asker.ExpectNoMsg(Held);

        // What a shard handing the entity over (or passivating it) sends.
        entity.Tell(CallCenter.Actors.Entities.StopEntity.Instance);

        ExpectNoMsg(Held);
        GatedJournal.Open();
        asker.ExpectMsg<CommandAccepted>(Patience);
        ExpectTerminated(entity, Patience);
        await AwaitQueue("sales", q => Assert.Single(q.AvailableAgents));
    }

    void IDisposable.Dispose() => GatedJournal.Open();
}

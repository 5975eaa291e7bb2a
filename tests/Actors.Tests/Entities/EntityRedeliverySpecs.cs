using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Entities;

namespace CallCenter.Actors.Tests.Entities;

/// <summary>
/// Messages an entity went down with (a failed journal write stops it) reach the entity again through its region;
/// a message somebody asked for does not (the asker has already answered for it).
/// </summary>
public sealed class EntityRedeliverySpecs : Akka.TestKit.Xunit2.TestKit
{
    private readonly TestProbe _calls;
    private readonly IActorRef _redelivery;

    public EntityRedeliverySpecs()
    {
        _calls = CreateTestProbe("calls");
        var router = new EntityRouter(() => _calls.Ref, () => ActorRefs.Nobody, () => ActorRefs.Nobody);
        _redelivery = Sys.ActorOf(EntityRedelivery.Props(router), "entity-redelivery");
        // The subscriptions are made in PreStart: a message through the actor proves it has run.
        _redelivery.Tell(new Identify(1), TestActor);
        ExpectMsg<ActorIdentity>();
    }

    [Fact]
    public void EntityRedelivery_must_send_a_dead_lettered_entity_message_to_its_region_again()
    {
        var queue = CreateTestProbe("a-queue");
        var hangUp = new HangUpCall(new CallId("c1"), CallParty.Agent);

        Sys.EventStream.Publish(new DeadLetter(hangUp, queue.Ref, ActorRefs.Nobody));

        Assert.Same(hangUp, _calls.ExpectMsg<HangUpCall>(EntityRedelivery.RetryDelay + TimeSpan.FromSeconds(3)));
        Assert.Equal(queue.Ref, _calls.LastSender);
    }

    [Fact]
    public void EntityRedelivery_must_send_the_unstored_command_of_a_failed_write_again()
    {
        var hangUp = new HangUpCall(new CallId("c2"), CallParty.Caller);

        Sys.EventStream.Publish(new Undelivered(hangUp, ActorRefs.Nobody));

        _calls.ExpectMsg<HangUpCall>(EntityRedelivery.RetryDelay + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void EntityRedelivery_must_not_send_again_a_message_somebody_asked_for()
    {
        var asker = new TempAsker(((ExtendedActorSystem)Sys).Provider.TempPath());
        Assert.False(EntityRedelivery.IsRedelivered(new HangUpCall(new CallId("c3"), CallParty.Caller), asker));

        Sys.EventStream.Publish(new DeadLetter(new HangUpCall(new CallId("c3"), CallParty.Caller), asker, ActorRefs.Nobody));

        _calls.ExpectNoMsg(EntityRedelivery.RetryDelay + TimeSpan.FromSeconds(1));
    }

    /// <summary>An asker's reference, as the API's asks have: under <c>/temp</c>.</summary>
    private sealed class TempAsker(ActorPath path) : MinimalActorRef
    {
        public override ActorPath Path { get; } = path;

        public override IActorRefProvider Provider => throw new NotSupportedException();
    }
}

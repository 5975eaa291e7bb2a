using Akka.Actor;
using Akka.Event;
using CallCenter.Actors;
using CallCenter.Actors.Calls;
using CallCenter.Gateway.Sip.Sdp;
using CallCenter.Gateway.Sip.UserAgent;

namespace CallCenter.Gateway.Calls;

/// <summary>
/// The gateway node's actor (one per node, at the path calls carry as their <c>Gateway</c>): starts a
/// <see cref="CallLegsActor"/> for each INVITE taken in, and hands each call's orders from its entity to it; reports
/// each finished recording (<see cref="RecordingReporter"/>).
/// </summary>
public sealed class CallGatewayActor : ReceiveActor
{
    public const string Name = "gateway";

    /// <summary>An INVITE that passed the trunk and entry-point checks and has been rung.</summary>
    public sealed record IncomingSipCall(InboundCall Call, SdpSession Offer, StartCall Start);

    /// <summary>Asks how many calls have legs on this gateway; answered with <see cref="CallsInProgress"/>.</summary>
    public sealed record CountCalls
    {
        public static readonly CountCalls Instance = new();
    }

    /// <summary>The calls whose legs this gateway holds (a draining gateway waits for it to reach 0).</summary>
    public sealed record CallsInProgress(int Count);

    /// <summary>Ends every call this gateway holds now (<see cref="CallLegsActor.Cut"/>): a drain's grace period is over.</summary>
    public sealed record CutCalls(string Reason);

    public CallGatewayActor(CallGatewayContext context)
    {
        var log = Context.GetLogger();
        Receive<IncomingSipCall>(c => Context.ActorOf(CallLegsActor.Props(context, c.Start.CallId, c.Call, c.Offer, c.Start), c.Start.CallId.Value));
        // A call's recording is reported by an actor of its own: the call's legs may be gone before the entity confirms.
        Receive<RecordingReporter.Report>(r => Context.ActorOf(RecordingReporter.Props(context, r)));
        // Legs actors are named after their call; recording reporters get Akka's generated "$" names.
        Receive<CountCalls>(_ => Sender.Tell(new CallsInProgress(CallLegs().Count())));
        Receive<CutCalls>(c =>
        {
            foreach (var legs in CallLegs())
                legs.Tell(new CallLegsActor.Cut(c.Reason));
        });
        Receive<CheckLegs>(c => Sender.Tell(new LegsChecked(c.CallId, Held: !Context.Child(c.CallId.Value).IsNobody())));
        Receive<IGatewayMessage>(m =>
        {
            var legs = Context.Child(m.CallId.Value);
            if (!legs.IsNobody())
            {
                legs.Forward(m);
                return;
            }

            // Legs this node no longer holds (it restarted, or they ended): a ring for them must not hold an agent.
            if (m is RingAgent ring)
            {
                log.Warning("Call {0}: asked to ring agent {1}, but the call has no legs here; ending it", ring.CallId, ring.AgentId);
                context.Entities.Tell(new HangUpCall(ring.CallId, CallParty.System), Self);
            }
        });
        Receive<CommandAccepted>(_ => { });
        Receive<CommandRejected>(r => log.Debug("{0} refused: {1}", r.EntityId, r.Reason));
    }

    public static Props Props(CallGatewayContext context) => Akka.Actor.Props.Create(() => new CallGatewayActor(context));

    private static IEnumerable<IActorRef> CallLegs() => Context.GetChildren().Where(c => !c.Path.Name.StartsWith('$'));
}

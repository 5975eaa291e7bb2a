using System.Collections.Frozen;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Queues;

namespace CallCenter.Actors.Serialization;

/// <summary>
/// The stable name of every type that is persisted or crosses the cluster. A journal stores these
/// names, never CLR type names: a class may be renamed or moved freely, but a name here must never
/// change or be reused. A type that changes shape incompatibly gets a new name (".v2").
/// </summary>
public static class Manifests
{
    private static readonly (Type Type, string Name)[] All =
    [
        (typeof(CommandAccepted), "accepted"),
        (typeof(CommandRejected), "rejected"),

        (typeof(ConfigureAgent), "agent.configure"),
        (typeof(SetAgentStatus), "agent.set-status"),
        (typeof(ReserveAgent), "agent.reserve"),
        (typeof(AnswerOffer), "agent.answer"),
        (typeof(RejectOffer), "agent.reject"),
        (typeof(HangUpAgentCall), "agent.hang-up"),
        (typeof(FinishWrapUp), "agent.finish-wrap-up"),
        (typeof(AgentCallEnded), "agent.call-ended"),
        (typeof(RequestAvailability), "agent.request-availability"),
        (typeof(ReleaseReservation), "agent.release-reservation"),
        (typeof(RegisterPhone), "agent.register-phone"),
        (typeof(UnregisterPhone), "agent.unregister-phone"),
        (typeof(GetAgent), "agent.get"),
        (typeof(AgentView), "agent.view"),
        (typeof(AgentState), "agent.snapshot"),
        (typeof(AgentConfigured), "agent.configured"),
        (typeof(AgentStatusChanged), "agent.status-changed"),
        (typeof(AgentReserved), "agent.reserved"),
        (typeof(AgentConnected), "agent.connected"),
        (typeof(AgentReservationReleased), "agent.reservation-released"),
        (typeof(AgentMissedOffer), "agent.missed-offer"),
        (typeof(AgentWrapUpStarted), "agent.wrap-up-started"),
        (typeof(AgentPhoneRegistered), "agent.phone-registered"),
        (typeof(AgentPhoneUnregistered), "agent.phone-unregistered"),
        (typeof(AgentCallHoldChanged), "agent.call-hold-changed"),
        (typeof(AgentHoldChanged), "agent.hold-changed"),

        (typeof(ConfigureQueue), "queue.configure"),
        (typeof(EnqueueCall), "queue.enqueue"),
        (typeof(AgentAvailable), "queue.agent-available"),
        (typeof(AgentUnavailable), "queue.agent-unavailable"),
        (typeof(ReservationAccepted), "queue.reservation-accepted"),
        (typeof(ReservationDeclined), "queue.reservation-declined"),
        (typeof(OfferFailed), "queue.offer-failed"),
        (typeof(CallAnswered), "queue.call-answered"),
        (typeof(CallAbandoned), "queue.call-abandoned"),
        (typeof(CallCompleted), "queue.call-completed"),
        (typeof(GetQueue), "queue.get"),
        (typeof(GetCallPosition), "queue.get-call-position"),
        (typeof(CallPosition), "queue.call-position"),
        (typeof(QueueView), "queue.view"),
        (typeof(QueueSnapshot), "queue.snapshot"),
        (typeof(QueueConfigured), "queue.configured"),
        (typeof(CallWaiting), "queue.call-waiting"),
        (typeof(CallOfferPending), "queue.offer-pending"),
        (typeof(CallOfferCancelled), "queue.offer-cancelled"),
        (typeof(CallRequirementWidened), "queue.requirement-widened"),
        (typeof(CallLeftQueue), "queue.call-left"),
        (typeof(CallHandled), "queue.call-handled"),
        (typeof(CallStayRenewed), "queue.call-stay-renewed"),

        (typeof(StartCall), "call.start"),
        (typeof(AgentAnswered), "call.agent-answered"),
        (typeof(HangUpCall), "call.hang-up"),
        (typeof(SetCallDisposition), "call.set-disposition"),
        (typeof(GetCall), "call.get"),
        (typeof(CallView), "call.view"),
        (typeof(CallState), "call.snapshot"),
        (typeof(CallQueued), "call.queued"),
        (typeof(CallOffered), "call.offered"),
        (typeof(OfferWithdrawn), "call.offer-withdrawn"),
        (typeof(CallRefused), "call.refused"),
        (typeof(CallArrived), "call.arrived"),
        (typeof(CallMovedToQueue), "call.moved-to-queue"),
        (typeof(CallOfferedToAgent), "call.offered-to-agent"),
        (typeof(CallOfferToAgentWithdrawn), "call.offer-to-agent-withdrawn"),
        (typeof(CallAnsweredByAgent), "call.answered"),
        (typeof(CallLateAnswerDiscarded), "call.late-answer-discarded"),
        (typeof(CallEnded), "call.ended"),
        (typeof(CallDispositionSet), "call.disposition-set"),
        (typeof(TransferCall), "call.transfer"),
        (typeof(CallTransferred), "call.transferred"),
        (typeof(TransferCallOut), "call.transfer-out"),
        (typeof(CallTransferredOut), "call.transferred-out"),
        (typeof(HoldCall), "call.hold"),
        (typeof(ResumeCall), "call.resume"),
        (typeof(CallHeld), "call.held"),
        (typeof(CallResumed), "call.resumed"),

        (typeof(RingAgent), "gateway.ring-agent"),
        (typeof(ConnectAgent), "gateway.connect-agent"),
        (typeof(DisconnectAgent), "gateway.disconnect-agent"),
        (typeof(ReleaseCall), "gateway.release-call"),
        (typeof(ReconnectAgent), "gateway.reconnect-agent"),
        (typeof(CheckLegs), "gateway.check-legs"),
        (typeof(LegsChecked), "call.legs-checked"),
        (typeof(PlayPrompts), "gateway.play-prompts"),
        (typeof(HoldCaller), "gateway.hold-caller"),
        (typeof(BridgeOutside), "gateway.bridge-outside"),
        (typeof(MediaFinished), "call.media-finished"),
        (typeof(CallerPressed), "call.caller-pressed"),
        (typeof(CallRecorded), "call.recorded"),
        (typeof(FetchFlowData), "call.fetch-flow-data"),
        (typeof(FlowDataFetched), "call.flow-data-fetched"),
        (typeof(FlowStepReached), "call.flow-step-reached"),
        (typeof(CallVariablesSet), "call.variables-set"),
        (typeof(CallRoutingChanged), "call.routing-changed"),
        (typeof(CallSentToQueue), "call.sent-to-queue"),
        (typeof(CallExitedQueue), "call.exited-queue"),
        (typeof(CallHoldAnnounced), "call.hold-announced"),
        (typeof(CallRecordingSaved), "call.recording-saved"),
    ];

    public static readonly FrozenDictionary<Type, string> ByType = All.ToFrozenDictionary(e => e.Type, e => e.Name);

    public static readonly FrozenDictionary<string, Type> ByName = All.ToFrozenDictionary(e => e.Name, e => e.Type);
}

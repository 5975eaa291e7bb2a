using Akka.Actor;
using Akka.Event;
using CallCenter.Actors.Calls;

namespace CallCenter.Node.Customers;

/// <summary>
/// Keeps callers' histories from the views the node's call entities publish on its EventStream (once a
/// call has ended, and when its disposition or recordings change): one interaction per call id, inserted
/// at the end and updated by a later disposition. Writes run one at a time, in the order the views came.
/// </summary>
public sealed class InteractionRecorder : ReceiveActor
{
    public InteractionRecorder(ICustomerStore store)
    {
        var log = Context.GetLogger();
        ReceiveAsync<CallView>(view => ToInteraction(view) is not null, async view =>
        {
            try
            {
                await store.RecordInteractionAsync(ToInteraction(view)!);
            }
            catch (Exception e)
            {
                // The call itself is safe in its journal; only the caller's history misses this change.
                log.Warning(e, "Could not record call {0} in the customer directory", view.CallId);
            }
        });
    }

    public static Props Props(ICustomerStore store) => Akka.Actor.Props.Create(() => new InteractionRecorder(store));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(CallView));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    /// <summary>The interaction an ended call's view stands for; null before the end or for a caller with no number.</summary>
    public static CustomerInteraction? ToInteraction(CallView view)
    {
        var phone = PhoneNumber.Normalise(view.From);
        if (view.Status != CallStatus.Ended || phone.Length == 0 || phone.Length > CustomerLimits.Phone)
            return null;
        var at = view.ArrivedAt ?? view.EndedAt!.Value;
        return new CustomerInteraction(view.CallId.Value, phone, at, view.EndedAt, Kebab(view.Outcome), view.QueueId?.Value,
            view.AgentId?.Value, view.Disposition, view.DispositionNotes);
    }

    /// <summary>Outcomes as the API writes enums (<c>abandoned-in-ivr</c>).</summary>
    private static string? Kebab(CallOutcome? outcome) =>
        outcome is { } o ? System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(o.ToString()) : null;
}

using System.Globalization;
using System.Text.RegularExpressions;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Queues;

namespace CallCenter.Actors.Calls;

/// <summary>
/// The IVR half of a call's decisions: running its flow one step at a time, holding it in a queue, and leaving it by
/// the exit digit. Every step reached is an event, so an entity that restarts mid-flow resumes at the step the caller
/// was in (<see cref="Resume"/>). Steps that need nobody (set, priority, skills, branch) run on at once, within one decision.
/// </summary>
public sealed partial record CallState
{
    /// <summary>More steps than this in one decision without waiting for the caller is a loop (start-up checks forbid them).</summary>
    public const int MaxStepsWithoutWaiting = 64;

    private Decision<ICallEvent> StartFlow(StartCall c, IvrFlowDefinition flow, DateTimeOffset now)
    {
        var arrived = new CallArrived(c.From, c.To, null, c.Priority, c.RequiredSkills, c.Variables, now, c.Gateway, flow.Name, c.TraceParent);
        var enter = Apply(arrived).Enter(flow.Start, 0, DefinitionFor(flow), now);
        return Decision<ICallEvent>.Accept(EntityId, [arrived, .. enter.Events], enter.Messages);
    }

    /// <summary>A definition that knows only <paramref name="flow"/> (a call's steps need nothing else but queues).</summary>
    private static ContactCenterDefinition DefinitionFor(IvrFlowDefinition flow) => ContactCenterDefinition.Empty with { Flows = [flow] };

    /// <summary>Reaches <paramref name="stepId"/> and runs on until a step waits for the caller, the gateway or a queue.</summary>
    private Decision<ICallEvent> Enter(string stepId, int attempt, ContactCenterDefinition definition, DateTimeOffset now)
    {
        var events = new List<ICallEvent>();
        var messages = new List<IProtocolMessage>();
        var state = this;
        var next = stepId;
        for (var steps = 0; next is not null; steps++)
        {
            if (state.Flow is not { } flowName || definition.FlowFor(flowName)?.Step(next) is not { } step)
                return state.EndFlow(events, messages, $"flow '{state.Flow}' has no step '{next}'", now);
            if (steps == MaxStepsWithoutWaiting)
                return state.EndFlow(events, messages, $"flow '{flowName}' ran {steps} steps without waiting for the caller", now);
            var (stepEvents, stepMessages, then) = state.Run(step, attempt, definition, now);
            foreach (var e in stepEvents)
                state = state.Apply(e);
            events.AddRange(stepEvents);
            messages.AddRange(stepMessages);
            next = then;
            attempt = 0;
        }

        return new Decision<ICallEvent>(events, messages, null);
    }

    /// <summary>What reaching <paramref name="step"/> does, and the step to run on to at once (null: wait).</summary>
    private (IReadOnlyList<ICallEvent> Events, IReadOnlyList<IProtocolMessage> Messages, string? Then) Run(
        FlowStep step, int attempt, ContactCenterDefinition definition, DateTimeOffset now)
    {
        var seq = MediaSeq + 1;
        var reached = new FlowStepReached(step.Id, attempt, seq, now);
        switch (step)
        {
            case SetVariablesStep s:
                return ([reached, new CallVariablesSet(s.Values.ToDictionary(v => v.Key, v => Substitute(v.Value, escape: false)))], [], s.Next);
            case SetPriorityStep s:
                return ([reached, new CallRoutingChanged(s.Priority, RequiredSkills)], [], s.Next);
            case SetSkillsStep s:
                var skills = new Dictionary<string, int>(RequiredSkills);
                foreach (var (skill, level) in s.Skills)
                    skills[skill] = Math.Max(level, RequiredSkills.GetValueOrDefault(skill));
                return ([reached, new CallRoutingChanged(Priority, skills)], [], s.Next);
            case BranchStep s:
                return ([reached], [], Variables.TryGetValue(s.Variable, out var value) && s.Cases.TryGetValue(value, out var to) ? to : s.Otherwise);
            case SayStep s when SayValue(s) is null:
                return ([reached], [], s.Otherwise);
            case QueueStep s:
                return EnterQueue(s, seq, definition, now);
            case HangUpStep:
                return ([reached, new CallEnded(CallOutcome.EndedByFlow, CallParty.System, "the flow hung up", now)],
                    Release(CallOutcome.EndedByFlow, "the flow hung up"), null);
            default:
                return ([reached], Gateway is null && step is not HttpStep ? [] : [StepCommand(step, attempt, seq)!], null);
        }
    }

    /// <summary>
    /// The command a waiting step sends (again, with the same <paramref name="seq"/>, when the entity resumes it):
    /// prompts to play, digits to collect, data to fetch, a party to bridge to.
    /// </summary>
    private IProtocolMessage? StepCommand(FlowStep step, int attempt, int seq)
    {
        var g = Gateway ?? "";
        return step switch
        {
            PlayStep s => new PlayPrompts(g, Id, seq, s.Play),
            MenuStep s => new PlayPrompts(g, Id, seq, attempt > 0 ? [.. s.Invalid, .. s.Play] : s.Play,
                new DigitCollection(1, null, s.TimeoutSeconds * 1000)),
            CollectStep s => new PlayPrompts(g, Id, seq, attempt > 0 ? [.. s.Invalid, .. s.Play] : s.Play,
                new DigitCollection(s.MaxDigits, s.Terminator, s.TimeoutSeconds * 1000)),
            SayStep s => new PlayPrompts(g, Id, seq, [.. s.Play, SayValue(s)!]),
            HttpStep s => new FetchFlowData(Id, seq, Substitute(s.Url, escape: true), s.TimeoutMilliseconds),
            TransferStep s => new BridgeOutside(g, Id, seq, s.Number),
            _ => null,
        };
    }

    private string? SayValue(SayStep step)
    {
        if (!Variables.TryGetValue(step.Variable, out var value))
            return null;
        var valid = step.As switch
        {
            SayFormat.Digits => value.Length is > 0 and <= 32 && value.All(char.IsAsciiDigit),
            SayFormat.Number => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 999_999,
            _ => decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var a) && a < 1_000_000,
        };
        return valid ? PromptValue.For(step.As, value) : null;
    }

    /// <summary>Replaces each <c>{name}</c> by the call variable's value (none: empty), URL-escaped for a data dip's address.</summary>
    private string Substitute(string template, bool escape) => VariableReference().Replace(template, m =>
    {
        var value = Variables.GetValueOrDefault(m.Groups[1].Value, "");
        return escape ? Uri.EscapeDataString(value) : value;
    });

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex VariableReference();

    private (IReadOnlyList<ICallEvent>, IReadOnlyList<IProtocolMessage>, string?) EnterQueue(QueueStep step, int seq, ContactCenterDefinition definition, DateTimeOffset now)
    {
        var queue = new QueueId(step.Queue);
        var sent = new CallSentToQueue(queue, step.Id, seq, step.ExitDigit, step.ExitTo, now);
        var messages = new List<IProtocolMessage> { new EnqueueCall(queue, Id, Priority, RequiredSkills, now, Gateway is not null, Transfers, TraceParent: TraceParent) };
        if (Gateway is { } g)
            messages.Add(Hold(g, seq, definition.QueueFor(step.Queue), step.ExitDigit, greet: true));
        return ([sent], messages, null);
    }

    /// <summary>
    /// What a caller hears while waiting in <paramref name="queue"/>: on arrival the recording notice and greeting,
    /// then the queue's music (a caller the IVR answered hears the default music even where the queue has none).
    /// </summary>
    private static HoldCaller Hold(string gateway, CallId id, int seq, QueueDefinition? queue, string? exitDigit, bool greet, IReadOnlyList<string>? announcement = null)
    {
        var prompts = new List<string>();
        if (greet && queue?.Recording is { Enabled: true, Announcement: { } notice })
            prompts.Add(notice);
        if (greet && queue?.Hold is { } hold)
            prompts.AddRange(hold.Greeting);
        if (announcement is not null)
            prompts.AddRange(announcement);
        return new HoldCaller(gateway, id, seq, prompts, queue?.Hold?.Music ?? QueueHold.DefaultMusic, exitDigit);
    }

    private HoldCaller Hold(string gateway, int seq, QueueDefinition? queue, string? exitDigit, bool greet) =>
        Hold(gateway, Id, seq, queue, exitDigit, greet);

    /// <summary>Whether a caller waiting in <paramref name="queue"/> is answered and held rather than left hearing ringback.</summary>
    private static bool HoldsCaller(QueueDefinition? queue) =>
        queue?.Hold is not null || queue?.Recording is { Enabled: true, Announcement: not null };

    /// <summary>The first hold of a call that arrived straight for a queue (no flow): only where that queue holds its callers.</summary>
    private IReadOnlyList<ICallEvent> HoldOnArrival(ContactCenterDefinition definition, DateTimeOffset now, List<IProtocolMessage> messages)
    {
        if (Gateway is not { } g || QueueId is not { } queueId || definition.QueueFor(queueId.Value) is not { } queue || !HoldsCaller(queue))
            return [];
        messages.Add(Hold(g, MediaSeq + 1, queue, exitDigit: null, greet: true));
        return [new CallHoldAnnounced(MediaSeq + 1, 0, 0, now)];
    }

    private Decision<ICallEvent> EndFlow(List<ICallEvent> events, List<IProtocolMessage> messages, string why, DateTimeOffset now)
    {
        events.Add(new CallEnded(CallOutcome.EndedByFlow, CallParty.System, why, now));
        messages.AddRange(Release(CallOutcome.EndedByFlow, why));
        return new Decision<ICallEvent>(events, messages, null);
    }

    /// <summary>The gateway's word on the step's media: the caller's answer decides the next step.</summary>
    private Decision<ICallEvent> MediaDone(MediaFinished m, ContactCenterDefinition definition, DateTimeOffset now)
    {
        if (Status != CallStatus.InIvr || m.Seq != MediaSeq || CurrentStep(definition) is not { } step)
            return Decision<ICallEvent>.Nothing;
        return step switch
        {
            PlayStep s => Enter(s.Next, 0, definition, now),
            SayStep s => Enter(s.Next, 0, definition, now),
            MenuStep s when s.Options.TryGetValue(m.Digits, out var option) => Enter(option, 0, definition, now),
            MenuStep s => Retry(s.Id, s.Retries, s.Otherwise, definition, now),
            CollectStep s when Valid(s, m.Digits) => Continue([new CallVariablesSet(new Dictionary<string, string> { [s.Into] = m.Digits })], s.Next, definition, now),
            CollectStep s => Retry(s.Id, s.Retries, s.Otherwise, definition, now),
            TransferStep s when m.Outcome == MediaOutcome.Bridged => Decision<ICallEvent>.Accept(EntityId,
                [new CallTransferredOut(null, s.Number, now), new CallEnded(CallOutcome.EndedByFlow, CallParty.System, $"transferred to {s.Number}", now)]),
            TransferStep s => Enter(s.Otherwise, 0, definition, now),
            _ => Decision<ICallEvent>.Nothing,
        };
    }

    /// <summary>The gateway's word was heard (acted on, or stale): it need not say it again.</summary>
    private Decision<ICallEvent> Heard(Decision<ICallEvent> decision) =>
        decision.Reply is null ? decision with { Reply = new CommandAccepted(EntityId) } : decision;

    private static bool Valid(CollectStep step, string digits) =>
        digits.Length >= step.MinDigits && digits.Length <= step.MaxDigits
        && (step.Pattern is null || Regex.IsMatch(digits, step.Pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)));

    private Decision<ICallEvent> Retry(string step, int retries, string otherwise, ContactCenterDefinition definition, DateTimeOffset now) =>
        StepAttempt < retries ? Enter(step, StepAttempt + 1, definition, now) : Enter(otherwise, 0, definition, now);

    /// <summary>Stores <paramref name="first"/>, then enters <paramref name="next"/> on the state they make.</summary>
    private Decision<ICallEvent> Continue(IReadOnlyList<ICallEvent> first, string next, ContactCenterDefinition definition, DateTimeOffset now)
    {
        var state = first.Aggregate(this, (s, e) => s.Apply(e));
        var then = state.Enter(next, 0, definition, now);
        return new Decision<ICallEvent>([.. first, .. then.Events], then.Messages, null);
    }

    /// <summary>The data dip's answer (or failure) for the step that asked.</summary>
    private Decision<ICallEvent> DataFetched(FlowDataFetched f, ContactCenterDefinition definition, DateTimeOffset now)
    {
        if (Status != CallStatus.InIvr || f.Seq != MediaSeq || CurrentStep(definition) is not HttpStep step)
            return Decision<ICallEvent>.Nothing;
        if (f.Values is not { } values)
            return Enter(step.Otherwise, 0, definition, now);
        var named = values.ToDictionary(v => $"{step.Into}.{v.Key}", v => v.Value);
        return Continue([new CallVariablesSet(named)], step.Next, definition, now);
    }

    /// <summary>The caller pressed the queue's exit digit while waiting: they leave the queue for the flow's exit step.</summary>
    private Decision<ICallEvent> Pressed(CallerPressed p, ContactCenterDefinition definition, DateTimeOffset now)
    {
        if (!Waiting || p.Seq != MediaSeq || ExitDigit is null || p.Digit != ExitDigit || ExitTo is not { } exitTo)
            return Decision<ICallEvent>.Nothing;
        var exited = new CallExitedQueue(QueueId!, now);
        var messages = new List<IProtocolMessage> { new CallAbandoned(QueueId!, Id, now, Exited: true) };
        if (AgentId is { } offered)
        {
            messages.Add(new AgentCallEnded(offered, Id, Talked: false, Reservation));
            messages.AddRange(Disconnect(offered, "the caller left the queue"));
        }
        var then = Apply(exited).Enter(exitTo, 0, definition, now);
        return new Decision<ICallEvent>([exited, .. then.Events], [.. messages, .. then.Messages], null);
    }

    /// <summary>
    /// Tells a holding caller where they are, when that is news: the first time, or when their position or the
    /// minutes of their estimated wait went down since they were last told.
    /// </summary>
    public Decision<ICallEvent> Announce(CallPosition position, ContactCenterDefinition definition, DateTimeOffset now)
    {
        if (Status != CallStatus.Queued || Gateway is not { } g || QueueId is not { } queueId || position.Position == 0
            || definition.QueueFor(queueId.Value) is not { Hold: { AnnounceEverySeconds: not null } hold } queue)
            return Decision<ICallEvent>.Nothing;
        var minutes = (int)Math.Ceiling(position.EstimatedWaitSeconds / 60);
        var lastMinutes = (int)Math.Ceiling(AnnouncedWaitSeconds / 60);
        var news = AnnouncedPosition == 0 || position.Position < AnnouncedPosition || (hold.AnnounceWait && minutes < lastMinutes);
        if (!news)
            return Decision<ICallEvent>.Nothing;
        var words = new List<string>();
        if (hold.AnnouncePosition)
            words.AddRange(["caller-number", PromptValue.For(SayFormat.Number, position.Position.ToString(CultureInfo.InvariantCulture))]);
        if (hold.AnnounceWait)
            words.AddRange(minutes <= 1
                ? ["wait-time", "less-than-one-minute"]
                : ["wait-time", PromptValue.For(SayFormat.Number, minutes.ToString(CultureInfo.InvariantCulture)), "minutes"]);
        var seq = MediaSeq + 1;
        return new Decision<ICallEvent>([new CallHoldAnnounced(seq, position.Position, position.EstimatedWaitSeconds, now)],
            [Hold(g, Id, seq, queue, ExitDigit, greet: false, words)], null);
    }

    /// <summary>How often a holding caller's position is looked up (null: never).</summary>
    public TimeSpan? AnnounceEvery(ContactCenterDefinition definition) =>
        Status == CallStatus.Queued && Gateway is not null && QueueId is { } q && definition.QueueFor(q.Value)?.Hold?.AnnounceEverySeconds is { } s
            ? TimeSpan.FromSeconds(s)
            : null;

    /// <summary>
    /// What an entity that restarted says again so that the caller goes on where they were: the current step's command
    /// (same Seq: the gateway repeats its answer if that media is over), or nothing.
    /// </summary>
    public IReadOnlyList<IProtocolMessage> Resume(ContactCenterDefinition definition) =>
        Status == CallStatus.InIvr && CurrentStep(definition) is { } step && StepCommand(step, StepAttempt, MediaSeq) is { } command
            && (Gateway is not null || command is FetchFlowData)
            ? [command]
            : [];

    private FlowStep? CurrentStep(ContactCenterDefinition definition) =>
        Flow is { } flow && Step is { } step ? definition.FlowFor(flow)?.Step(step) : null;
}

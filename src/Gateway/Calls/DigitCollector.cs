using CallCenter.Actors.Calls;

namespace CallCenter.Gateway.Calls;

/// <summary>
/// The digits a caller keys in answer to one <see cref="PlayPrompts"/>, by its <see cref="DigitCollection"/> rules:
/// over at <see cref="DigitCollection.MaxDigits"/> digits (none when 0 or less), at a
/// <see cref="DigitCollection.Terminator"/> (any of its characters; not kept), or when no digit came within
/// <see cref="DigitCollection.TimeoutMilliseconds"/> (none when 0 or less) — counted from the end of the prompts, then
/// from each digit. A digit may come while the prompts still play (the owner stops them: barge-in). Decisions only:
/// not thread-safe, the owner serialises every call, including the one its <c>timerFired</c> callback leads to.
/// </summary>
public sealed class DigitCollector : IDisposable
{
    private readonly DigitCollection _rules;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ITimer? _timer;
    private readonly List<char> _digits = [];
    private DateTimeOffset? _deadline;

    /// <summary>
    /// Starts collecting; the timeout waits for <see cref="PromptsEnded"/> or a digit. <paramref name="timerFired"/> runs
    /// on a timer thread: the owner then calls <see cref="CheckTimeout"/>.
    /// </summary>
    public DigitCollector(DigitCollection rules, TimeProvider time, Action<DigitCollector> timerFired)
    {
        _rules = rules;
        _time = time;
        _timeout = TimeSpan.FromMilliseconds(rules.TimeoutMilliseconds);
        if (rules.TimeoutMilliseconds > 0)
            _timer = time.CreateTimer(_ => timerFired(this), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The digits kept so far.</summary>
    public string Digits => new([.. _digits]);

    /// <summary>How the collection ended; null while it goes on.</summary>
    public MediaOutcome? Outcome { get; private set; }

    /// <summary>The prompts are over: the timeout starts, unless a digit already started it.</summary>
    public MediaOutcome? PromptsEnded()
    {
        if (Outcome is null && _deadline is null)
            Arm();
        return Outcome;
    }

    /// <summary>A key press; the outcome once it ends the collection.</summary>
    public MediaOutcome? Press(char digit)
    {
        if (Outcome is not null)
            return Outcome;
        if (_rules.Terminator?.Contains(digit, StringComparison.Ordinal) == true)
            return End(MediaOutcome.Terminated);
        _digits.Add(digit);
        if (_rules.MaxDigits > 0 && _digits.Count >= _rules.MaxDigits)
            return End(MediaOutcome.Collected);
        Arm();
        return null;
    }

    /// <summary>The timer fired: <see cref="MediaOutcome.TimedOut"/> if the deadline has passed (a timer re-armed meanwhile waits on).</summary>
    public MediaOutcome? CheckTimeout()
    {
        if (Outcome is not null || _deadline is not { } deadline)
            return Outcome;
        var left = deadline - _time.GetUtcNow();
        if (left <= TimeSpan.Zero)
            return End(MediaOutcome.TimedOut);
        _timer!.Change(left, Timeout.InfiniteTimeSpan);
        return null;
    }

    public void Dispose() => _timer?.Dispose();

    private void Arm()
    {
        if (_timer is null)
            return;
        _deadline = _time.GetUtcNow() + _timeout;
        _timer.Change(_timeout, Timeout.InfiniteTimeSpan);
    }

    private MediaOutcome End(MediaOutcome outcome)
    {
        Outcome = outcome;
        _timer?.Dispose();
        return outcome;
    }
}

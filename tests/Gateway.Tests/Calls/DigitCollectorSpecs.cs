using CallCenter.Actors.Calls;
using CallCenter.Gateway.Calls;
using CallCenter.Gateway.Tests.Sip.Transport;

namespace CallCenter.Gateway.Tests.Calls;

public sealed class DigitCollectorSpecs
{
    private readonly ManualTimeProvider _time = new();
    private readonly List<MediaOutcome> _timedOut = [];

    // The owner's part: when the timer fires, ask the collector (CallerMedia does this under its lock).
    private DigitCollector Collector(int maxDigits = 4, string? terminator = "#", int timeoutMilliseconds = 3000) =>
        new(new DigitCollection(maxDigits, terminator, timeoutMilliseconds), _time, c =>
        {
            if (c.CheckTimeout() is { } outcome)
                _timedOut.Add(outcome);
        });

    [Fact]
    public void Collector_should_end_collected_at_the_maximum_number_of_digits()
    {
        using var collector = Collector(maxDigits: 3);
        collector.PromptsEnded();

        Assert.Null(collector.Press('1'));
        Assert.Null(collector.Press('2'));
        Assert.Equal(MediaOutcome.Collected, collector.Press('3'));
        Assert.Equal("123", collector.Digits);
    }

    [Fact]
    public void Collector_should_end_terminated_at_the_terminator_without_keeping_it()
    {
        using var collector = Collector();
        collector.PromptsEnded();

        collector.Press('4');
        collector.Press('2');

        Assert.Equal(MediaOutcome.Terminated, collector.Press('#'));
        Assert.Equal("42", collector.Digits);
    }

    [Fact]
    public void Collector_should_not_time_out_while_the_prompts_play_and_then_time_out_from_their_end()
    {
        using var collector = Collector(timeoutMilliseconds: 3000);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(_timedOut);

        collector.PromptsEnded();
        _time.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.Empty(_timedOut);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([MediaOutcome.TimedOut], _timedOut);
        Assert.Equal(MediaOutcome.TimedOut, collector.Outcome);
        Assert.Equal("", collector.Digits);
    }

    [Fact]
    public void Collector_should_count_the_timeout_again_from_each_digit()
    {
        using var collector = Collector(timeoutMilliseconds: 3000);
        collector.PromptsEnded();

        _time.Advance(TimeSpan.FromSeconds(2));
        collector.Press('7');
        _time.Advance(TimeSpan.FromSeconds(2));
        collector.Press('8');
        _time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Empty(_timedOut);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal([MediaOutcome.TimedOut], _timedOut);
        Assert.Equal("78", collector.Digits);
    }

    [Fact]
    public void Collector_should_keep_a_digit_pressed_during_the_prompts_and_time_from_it()
    {
        using var collector = Collector(timeoutMilliseconds: 3000);

        // Barge-in: the key comes while the prompts play (the owner stops them); the end of the prompts restarts nothing.
        Assert.Null(collector.Press('5'));
        _time.Advance(TimeSpan.FromSeconds(2));
        collector.PromptsEnded();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([MediaOutcome.TimedOut], _timedOut);
        Assert.Equal("5", collector.Digits);
    }

    [Fact]
    public void Collector_should_ignore_keys_once_it_has_ended()
    {
        using var collector = Collector(maxDigits: 1);

        Assert.Equal(MediaOutcome.Collected, collector.Press('9'));
        Assert.Equal(MediaOutcome.Collected, collector.Press('1'));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("9", collector.Digits);
        Assert.Empty(_timedOut);
    }

    [Fact]
    public void Collector_without_maximum_or_timeout_should_wait_for_the_terminator()
    {
        using var collector = Collector(maxDigits: 0, terminator: "*#", timeoutMilliseconds: 0);
        collector.PromptsEnded();

        foreach (var digit in "1234567890")
            Assert.Null(collector.Press(digit));
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(MediaOutcome.Terminated, collector.Press('*'));
        Assert.Equal("1234567890", collector.Digits);
        Assert.Empty(_timedOut);
    }
}

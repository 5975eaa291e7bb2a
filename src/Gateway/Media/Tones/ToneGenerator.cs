using CallCenter.Gateway.Media.Codecs;

namespace CallCenter.Gateway.Media.Tones;

/// <summary>
/// Plays a dual tone with a cadence as 20 ms G.711 frames, phase-continuous across frames and bursts.
/// The North American call-progress tones are provided (ANSI T1.401 / the Precise Tone Plan).
/// </summary>
public sealed class ToneGenerator : IMediaFrameSource
{
    private readonly G711Law _law;
    private readonly long _onSamples;
    private readonly long _periodSamples;
    private readonly long _totalSamples;
    private readonly double _lowStep;
    private readonly double _highStep;
    private readonly double _peak;
    private long _position;
    private double _lowPhase;
    private double _highPhase;

    /// <summary>A generator that plays for <paramref name="duration"/>, or forever when it is null.</summary>
    public ToneGenerator(DualTone tone, ToneCadence cadence, G711Law law, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(tone);
        ArgumentNullException.ThrowIfNull(cadence);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(cadence.On, TimeSpan.Zero, nameof(cadence));
        ArgumentOutOfRangeException.ThrowIfLessThan(cadence.Off, TimeSpan.Zero, nameof(cadence));
        ArgumentOutOfRangeException.ThrowIfNegative(tone.Amplitude, nameof(tone));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tone.Amplitude, 0.5, nameof(tone));
        Tone = tone;
        _law = law;
        _onSamples = ToSamples(cadence.On);
        _periodSamples = _onSamples + ToSamples(cadence.Off);
        _totalSamples = duration is { } d ? ToSamples(d) : long.MaxValue;
        _lowStep = 2 * Math.PI * tone.LowFrequency / G711.ClockRate;
        _highStep = 2 * Math.PI * tone.HighFrequency / G711.ClockRate;
        _peak = tone.Amplitude * short.MaxValue;
    }

    /// <summary>Ringback: 440 + 480 Hz, 2 s on, 4 s off.</summary>
    public static DualTone RingbackTone { get; } = new(440, 480);

    /// <summary>The ringback rhythm: 2 s on, 4 s off.</summary>
    public static ToneCadence RingbackCadence { get; } = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));

    /// <summary>Busy: 480 + 620 Hz, 0.5 s on, 0.5 s off.</summary>
    public static DualTone BusyTone { get; } = new(480, 620);

    /// <summary>The busy rhythm: 0.5 s on, 0.5 s off.</summary>
    public static ToneCadence BusyCadence { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));

    /// <summary>The tone being played.</summary>
    public DualTone Tone { get; }

    /// <summary>Ringback until stopped, in <paramref name="law"/>.</summary>
    public static ToneGenerator Ringback(G711Law law) => new(RingbackTone, RingbackCadence, law);

    /// <summary>Busy until stopped, in <paramref name="law"/>.</summary>
    public static ToneGenerator Busy(G711Law law) => new(BusyTone, BusyCadence, law);

    /// <inheritdoc />
    public bool TryReadFrame(Span<byte> frame)
    {
        Span<short> samples = stackalloc short[G711.SamplesPerFrame];
        if (Fill(samples) == 0)
        {
            return false;
        }

        G711.Encode(_law, samples, frame);
        return true;
    }

    /// <summary>Writes the next linear samples; the last block before the end is padded with silence. Returns the samples of tone written, 0 at the end.</summary>
    public int Fill(Span<short> samples)
    {
        int produced = (int)Math.Min(samples.Length, _totalSamples - _position);
        for (int i = 0; i < produced; i++)
        {
            bool sounding = _position % _periodSamples < _onSamples;
            // Advancing the phases during silence keeps every burst the same continuous waveform.
            samples[i] = sounding ? (short)Math.Round(_peak * (Math.Sin(_lowPhase) + Math.Sin(_highPhase))) : (short)0;
            _lowPhase = (_lowPhase + _lowStep) % (2 * Math.PI);
            _highPhase = (_highPhase + _highStep) % (2 * Math.PI);
            _position++;
        }

        samples[produced..].Clear();
        return produced;
    }

    private static long ToSamples(TimeSpan time) => (long)Math.Round(time.TotalSeconds * G711.ClockRate);
}

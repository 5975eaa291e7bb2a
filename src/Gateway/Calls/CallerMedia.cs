using CallCenter.Actors;
using CallCenter.Actors.Calls;
using CallCenter.Gateway.Media;
using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Dtmf;
using CallCenter.Gateway.Media.Prompts;
using CallCenter.Gateway.Media.Rtcp;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Tones;
using CallCenter.Gateway.Media.Transport;

namespace CallCenter.Gateway.Calls;

/// <summary>
/// What the caller hears from the gateway itself, and the keys they press, while nobody is bridged to them: prompts
/// (collecting digits, a digit cutting the prompts short), hold (an announcement, then music looped; exit digits
/// reported), ringback. Frames go out on the caller's <see cref="RtpEndpoint"/> through the gateway's one
/// <see cref="MediaClock"/>, silence between commands so that the caller's stream never stops. Key presses come as
/// RFC 4733 telephone-events on the caller's RTP, or as SIP INFO handed to <see cref="Press"/>. While it plays, the
/// gateway is an RTP source of its own on the caller's leg, and its <see cref="RtcpReporter"/> sends the leg's RTCP:
/// SRs for the stream, a BYE when the leg closes.
/// </summary>
/// <remarks>
/// The clock's thread, the RTP receive loop, the collection timer and the call's actor all come in through one lock.
/// How a command ended is reported as the protocol's own <see cref="MediaFinished"/> and <see cref="CallerPressed"/>,
/// outside the lock, on whichever of those threads saw it: the call's actor tells them to itself, and its
/// <see cref="MediaSteps"/> drops those of a step it has moved on from.
/// </remarks>
public sealed class CallerMedia : IDisposable
{
    private readonly Lock _lock = new();
    private readonly CallId _callId;
    private readonly RtpEndpoint _endpoint;
    private readonly MediaClock _clock;
    private readonly TimeProvider _time;
    private readonly Action<ICallMessage> _report;
    private readonly DtmfReceiver _dtmf;
    private readonly RtpPacketHandler _onPacket;
    private readonly RtcpReporter _rtcp;
    private readonly List<ICallMessage> _outbox = [];
    private Channel? _channel;
    private IMediaFrameSource? _source;
    private Activity _activity;
    private int _seq;
    private DigitCollector? _collector;
    private string _exitDigits = "";
    private Prompt? _music;
    private bool _disposed;

    /// <summary>Media for the caller on <paramref name="endpoint"/> (started, with its remote set), sent in <paramref name="law"/>.</summary>
    public CallerMedia(
        CallId callId,
        RtpEndpoint endpoint,
        G711Law law,
        byte telephoneEventPayloadType,
        MediaClock clock,
        TimeProvider time,
        Action<ICallMessage> report)
    {
        _callId = callId;
        _endpoint = endpoint;
        Law = law;
        _clock = clock;
        _time = time;
        _report = report;
        _dtmf = new DtmfReceiver(d => OnDigit(d.Digit), telephoneEventPayloadType);
        _onPacket = OnPacket;
        _rtcp = new RtcpReporter(time, endpoint.SendRtcp, endpoint.CreateReportBlock);
    }

    private enum Activity
    {
        None,
        Prompts,
        Hold,
        Ringback,
    }

    /// <summary>The law prompts are sent in: the caller's agreed codec.</summary>
    public G711Law Law { get; }

    /// <summary>
    /// Step <paramref name="seq"/>: stops what plays and plays <paramref name="prompts"/>; then reports
    /// <see cref="MediaOutcome.Played"/>, or with <paramref name="collect"/> the digits collected.
    /// </summary>
    public void Play(int seq, IReadOnlyList<Prompt> prompts, DigitCollection? collect)
    {
        lock (_lock)
        {
            if (!Replace(seq, Activity.Prompts))
                return;
            if (collect is not null)
                _collector = new DigitCollector(collect, _time, OnTimer);
            if (prompts.Count > 0)
                _source = new PromptPlayer(prompts, Law);
            else
                PromptsOver();
        }

        Flush();
    }

    /// <summary>
    /// Step <paramref name="seq"/>: stops what plays, plays <paramref name="announcement"/>, then loops
    /// <paramref name="music"/> (none: silence) until told otherwise; a key in <paramref name="exitDigits"/> is reported.
    /// </summary>
    public void Hold(int seq, IReadOnlyList<Prompt> announcement, Prompt? music, string? exitDigits)
    {
        lock (_lock)
        {
            if (!Replace(seq, Activity.Hold))
                return;
            _exitDigits = exitDigits ?? "";
            _music = music is { SampleCount: > 0 } ? music : null;
            _source = announcement.Count > 0 ? new PromptPlayer(announcement, Law) : Music();
        }
    }

    /// <summary>Ringback until told otherwise (an outside party is being called).</summary>
    public void Ringback()
    {
        lock (_lock)
        {
            if (Replace(_seq, Activity.Ringback))
                _source = ToneGenerator.Ringback(Law);
        }
    }

    /// <summary>Stops what plays (a collection ends unreported); the caller hears silence.</summary>
    public void Silence()
    {
        lock (_lock)
            Replace(_seq, Activity.None);
    }

    /// <summary>Stops sending and listening: the caller's endpoint is about to be bridged to someone.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            Replace(_seq, Activity.None);
            Detach();
        }
    }

    /// <summary>A key press that came another way than RTP (SIP INFO).</summary>
    public void Press(DtmfDigit digit)
    {
        lock (_lock)
            OnDigit(digit.Digit);
        Flush();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            Replace(_seq, Activity.None);
            _rtcp.Dispose(); // the leg closes: a last report on the stream, and its SSRC says goodbye
            Detach();
            _disposed = true;
        }
    }

    /// <summary>Ends what plays and what is collected, unreported, and makes <paramref name="seq"/> the step now; false once disposed.</summary>
    private bool Replace(int seq, Activity activity)
    {
        if (_disposed)
            return false;
        _collector?.Dispose();
        _collector = null;
        _source = null;
        _music = null;
        _exitDigits = "";
        _seq = seq;
        _activity = activity;
        if (activity != Activity.None)
            Attach();
        return true;
    }

    private void Attach()
    {
        if (_channel is null)
        {
            // One RTP stream while the gateway speaks (the SSRC changes only around a bridge), silence when nothing plays.
            var channel = new Channel(this);
            _channel = channel;
            channel.Stream = _clock.Play(channel, new RtpPacketizer(Law.PayloadType()), _endpoint.Send);
            _rtcp.Attach(channel.Stream);
        }

        _endpoint.PacketHandler = _onPacket;
    }

    private void Detach()
    {
        if (_channel is { } channel)
        {
            _channel = null;
            channel.Stream?.Dispose();
            _rtcp.Detach(); // a bridge follows: the phones' own RTCP is relayed
        }

        if (_endpoint.PacketHandler == _onPacket)
            _endpoint.PacketHandler = null;
    }

    private void OnPacket(RtpEndpoint from, in RtpPacket packet)
    {
        lock (_lock)
        {
            if (_channel is null)
                return;
            _dtmf.Receive(packet);
        }

        Flush();
    }

    private void OnDigit(char digit)
    {
        if (digit == DtmfDigit.Flash)
            return;
        switch (_activity)
        {
            case Activity.Prompts when _collector is { } collector:
                _source = null; // barge-in: a key press ends the prompts
                if (collector.Press(digit) is { } outcome)
                    Complete(outcome);
                break;
            case Activity.Hold when _exitDigits.Contains(digit, StringComparison.Ordinal):
                _outbox.Add(new CallerPressed(_callId, _seq, digit.ToString()));
                break;
        }
    }

    private void OnTimer(DigitCollector collector)
    {
        lock (_lock)
        {
            if (_collector == collector && collector.CheckTimeout() is { } outcome)
                Complete(outcome);
        }

        Flush();
    }

    private void PromptsOver()
    {
        _source = null;
        if (_collector is null)
        {
            _activity = Activity.None;
            _outbox.Add(new MediaFinished(_callId, _seq, MediaOutcome.Played));
        }
        else if (_collector.PromptsEnded() is { } outcome)
        {
            Complete(outcome);
        }
    }

    private void Complete(MediaOutcome outcome)
    {
        _outbox.Add(new MediaFinished(_callId, _seq, outcome, _collector!.Digits));
        _collector.Dispose();
        _collector = null;
        _activity = Activity.None;
    }

    private PromptPlayer? Music() => _music is null ? null : new PromptPlayer(_music, Law, loop: true);

    /// <summary>The next 20 ms the caller hears (under the lock).</summary>
    private void NextFrame(Span<byte> frame)
    {
        if (_source is { } source)
        {
            if (source.TryReadFrame(frame))
                return;
            if (_activity == Activity.Prompts)
                PromptsOver();
            else
                _source = _activity == Activity.Hold ? Music() : null; // the announcement is over: the music starts
            if (_source is { } next && next.TryReadFrame(frame))
                return;
        }

        frame[..G711.SamplesPerFrame].Fill(Law.Silence());
    }

    /// <summary>Reports what the lock gathered, outside it.</summary>
    private void Flush()
    {
        ICallMessage[] reports;
        lock (_lock)
        {
            if (_outbox.Count == 0)
                return;
            reports = [.. _outbox];
            _outbox.Clear();
        }

        foreach (var report in reports)
            _report(report);
    }

    /// <summary>The stream the clock sends: ends (returns no frame) once it is no longer the caller's.</summary>
    private sealed class Channel(CallerMedia owner) : IMediaFrameSource
    {
        public MediaClock.Stream? Stream { get; set; }

        public bool TryReadFrame(Span<byte> frame)
        {
            lock (owner._lock)
            {
                if (owner._channel != this)
                    return false;
                owner.NextFrame(frame);
            }

            owner.Flush();
            return true;
        }
    }
}

using CallCenter.Gateway.Media.Rtp;

namespace CallCenter.Gateway.Media.Dtmf;

/// <summary>
/// Turns a stream of RFC 4733 telephone-event packets into exactly one <see cref="DtmfDigit"/> per key
/// press, whatever the network did to them (§2.5.2).
/// </summary>
/// <remarks>
/// All packets of one event carry the event's start as their RTP timestamp (§2.5.1.1), so the timestamp
/// identifies the key press: repeats, the three copies of the end packet (§2.5.1.4) and late duplicates
/// share it and are dropped. A digit is reported when its first end packet arrives, with the duration
/// it carries; if every end packet was lost it is reported when the next event starts, when audio
/// shows the stream has moved on (<see cref="ObserveTimestamp"/>), or on <see cref="Flush"/>.
/// A packet older than the newest event seen is stale (its key press was reported or overtaken) and
/// dropped, so digits always come out in the order they were pressed. Not thread-safe: one receiver
/// per stream, called from its receive loop.
/// </remarks>
public sealed class DtmfReceiver
{
    /// <summary>
    /// How far past an open event's last reported duration the stream's timestamp may move before the
    /// event counts as ended (200 ms): comfortably more than the 50 ms update interval of §2.5.1.2.
    /// </summary>
    public const uint EndTimeoutSamples = Codecs.G711.ClockRate / 5;

    private readonly Action<DtmfDigit> _onDigit;
    private readonly int _clockRate;
    private bool _hasLatest;
    private uint _ssrc;
    private uint _latestTimestamp;
    private bool _open;
    private byte _openEvent;
    private ushort _openDuration;

    /// <summary>A receiver for telephone-events of <paramref name="payloadType"/> that calls <paramref name="onDigit"/> once per key press.</summary>
    public DtmfReceiver(Action<DtmfDigit> onDigit, byte payloadType = TelephoneEvent.DefaultPayloadType, int clockRate = Codecs.G711.ClockRate)
    {
        ArgumentNullException.ThrowIfNull(onDigit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        _onDigit = onDigit;
        _clockRate = clockRate;
        PayloadType = payloadType;
    }

    /// <summary>The negotiated telephone-event payload type.</summary>
    public byte PayloadType { get; }

    /// <summary>
    /// Accounts for one RTP packet: telephone-events are interpreted, any other payload type only moves
    /// the stream's clock on (see <see cref="ObserveTimestamp"/>). Returns true if the packet was a telephone-event.
    /// </summary>
    public bool Receive(in RtpPacket packet)
    {
        if (packet.Header.PayloadType != PayloadType)
        {
            ObserveTimestamp(packet.Header.Ssrc, packet.Header.Timestamp);
            return false;
        }

        if (TelephoneEvent.TryParse(packet.Payload, out TelephoneEvent telephoneEvent))
        {
            Receive(packet.Header.Ssrc, packet.Header.Timestamp, telephoneEvent);
        }

        return true;
    }

    /// <summary>Accounts for one telephone-event payload sent by <paramref name="ssrc"/> with RTP timestamp <paramref name="timestamp"/>.</summary>
    public void Receive(uint ssrc, uint timestamp, in TelephoneEvent telephoneEvent)
    {
        if (_hasLatest && ssrc != _ssrc)
        {
            // A new source (re-INVITE, another phone) starts its own timestamp space.
            Flush();
            _hasLatest = false;
        }

        if (_hasLatest && timestamp == _latestTimestamp)
        {
            if (!_open || telephoneEvent.Event != _openEvent)
            {
                return;
            }

            _openDuration = Math.Max(_openDuration, telephoneEvent.Duration);
            if (telephoneEvent.End)
            {
                Report();
            }

            return;
        }

        if (_hasLatest && unchecked((int)(timestamp - _latestTimestamp)) < 0)
        {
            return;
        }

        Flush();
        _hasLatest = true;
        _ssrc = ssrc;
        _latestTimestamp = timestamp;
        _open = true;
        _openEvent = telephoneEvent.Event;
        _openDuration = telephoneEvent.Duration;
        if (telephoneEvent.End)
        {
            Report();
        }
    }

    /// <summary>
    /// Tells the receiver the stream from <paramref name="ssrc"/> has reached <paramref name="timestamp"/>
    /// (an audio packet): an open event whose end packets were all lost is reported once the stream is
    /// <see cref="EndTimeoutSamples"/> past its last known end.
    /// </summary>
    public void ObserveTimestamp(uint ssrc, uint timestamp)
    {
        if (_open && ssrc == _ssrc && unchecked((int)(timestamp - _latestTimestamp - _openDuration)) > EndTimeoutSamples)
        {
            Report();
        }
    }

    /// <summary>Reports the open event, if any, as ended now: at the end of a call or a digit collection.</summary>
    public void Flush()
    {
        if (_open)
        {
            Report();
        }
    }

    private void Report()
    {
        _open = false;
        if (DtmfDigit.TryFromEventCode(_openEvent, out char digit))
        {
            var duration = TimeSpan.FromSeconds((double)_openDuration / _clockRate);
            _onDigit(new DtmfDigit(digit, duration, DtmfTransport.TelephoneEvent));
        }
    }
}

using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Transport;

namespace CallCenter.Gateway.Media.Recording;

/// <summary>
/// Records what an <see cref="RtpRelay"/> carries — the caller's leg to the left channel, the other leg to the right —
/// as the relay's observer, keeping both channels on wall time. Each leg's audio is placed by its RTP timestamps (true
/// across silence suppression, DTMF and jitter), anchored to the wall clock at the leg's first packet and again when
/// its source changes or its clock strays more than <see cref="MaxDrift"/> (a phone that restarted its stream after
/// hold). Only G.711 is recorded (telephone-events and comfort noise leave silence). Packets of both legs arrive on
/// their own receive loops: one lock orders them, and after <see cref="Close"/> they are ignored.
/// </summary>
public sealed class RelayRecording : IDisposable
{
    /// <summary>How far a leg's RTP clock may stray from the wall clock before the wall clock places its audio.</summary>
    public static readonly TimeSpan MaxDrift = TimeSpan.FromSeconds(1);

    private const long MaxDriftSamples = G711.ClockRate;

    private readonly Lock _lock = new();
    private readonly StereoCallRecorder _recorder;
    private readonly RtpEndpoint _callerLeg;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;
    private readonly Leg _caller = new();
    private readonly Leg _agent = new();
    private bool _closed;

    /// <summary>Records into <paramref name="recorder"/> (closed with this) from now on; <paramref name="callerLeg"/> is the left channel.</summary>
    public RelayRecording(StereoCallRecorder recorder, RtpEndpoint callerLeg, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(callerLeg);
        _recorder = recorder;
        _callerLeg = callerLeg;
        _time = time ?? TimeProvider.System;
        _start = _time.GetUtcNow();
    }

    /// <summary>The relay's observer: one packet from either leg.</summary>
    public void Observe(RtpEndpoint from, in RtpPacket packet)
    {
        if (!G711.TryFromPayloadType(packet.Header.PayloadType, out G711Law law))
        {
            return;
        }

        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            bool caller = ReferenceEquals(from, _callerLeg);
            long position = (caller ? _caller : _agent).Place(packet.Header.Ssrc, packet.Header.Timestamp, packet.Payload.Length, Now());
            if (caller)
            {
                _recorder.WriteCallerAt(position, packet.Payload, law);
            }
            else
            {
                _recorder.WriteAgentAt(position, packet.Payload, law);
            }
        }
    }

    /// <summary>Pads both channels with silence up to now, closes the file and gives the time recorded; later calls give it again.</summary>
    public TimeSpan Close()
    {
        lock (_lock)
        {
            if (!_closed)
            {
                _closed = true;
                long now = Now();
                _recorder.WriteCallerAt(now, [], G711Law.MuLaw);
                _recorder.WriteAgentAt(now, [], G711Law.MuLaw);
                _recorder.Dispose();
            }

            return _recorder.Duration;
        }
    }

    public void Dispose() => Close();

    private long Now() => (long)((_time.GetUtcNow() - _start).TotalSeconds * G711.ClockRate);

    /// <summary>Where one leg's audio goes: the last packet's timestamp and position, so the next is placed by the difference.</summary>
    private sealed class Leg
    {
        private bool _anchored;
        private uint _ssrc;
        private uint _timestamp;
        private long _position;

        public long Place(uint ssrc, uint timestamp, int samples, long now)
        {
            // The packet's audio began about its length before it arrived.
            long heard = Math.Max(0, now - samples);
            long position = _position + unchecked((int)(timestamp - _timestamp));
            if (!_anchored || ssrc != _ssrc || Math.Abs(position - heard) > MaxDriftSamples)
            {
                _anchored = true;
                _ssrc = ssrc;
                position = heard;
            }

            _timestamp = timestamp;
            _position = position;
            return position;
        }
    }
}

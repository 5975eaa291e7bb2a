using System.Collections.Concurrent;
using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Rtcp;
using CallCenter.Gateway.Media.Rtp;

namespace CallCenter.Gateway.Media.Transport;

/// <summary>
/// The 20 ms send clock of a gateway: one timer for every stream being played (prompts, tones, music on hold),
/// each sending the frames that fell due since it started, so a late tick catches up instead of drifting. A
/// stream more than <see cref="MaxCatchUp"/> frames behind (a stalled process) skips ahead rather than bursting.
/// </summary>
public sealed class MediaClock : IDisposable
{
    /// <summary>The packetisation interval of G.711 here (RFC 3551 default ptime).</summary>
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>At most this many frames per stream in one tick; further behind, the stream skips ahead.</summary>
    public const int MaxCatchUp = 5;

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Stream, byte> _streams = new();
    private readonly ITimer _timer;
    private int _ticking;

    public MediaClock(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _timer = _time.CreateTimer(_ => Tick(), null, FrameInterval, FrameInterval);
    }

    /// <summary>Streams being played.</summary>
    public int Playing => _streams.Count;

    /// <summary>
    /// Plays <paramref name="source"/> through <paramref name="packetizer"/> to <paramref name="send"/> (an RTP
    /// endpoint's <c>Send</c>) from now on; <paramref name="finished"/> runs once when the source ends. Disposing
    /// the result stops it; its sender info feeds the stream's RTCP sender reports.
    /// </summary>
    public Stream Play(IMediaFrameSource source, RtpPacketizer packetizer, SendDatagram send, Action? finished = null)
    {
        var stream = new Stream(this, source, packetizer, send, finished, _time.GetUtcNow());
        _streams[stream] = 0;
        return stream;
    }

    public void Dispose()
    {
        _timer.Dispose();
        _streams.Clear();
    }

    /// <summary>Sends every stream's due frames (the timer calls it every 20 ms); an overlapping tick is skipped.</summary>
    internal void Tick()
    {
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
            return;
        try
        {
            var now = _time.GetUtcNow();
            foreach (var stream in _streams.Keys)
                stream.SendDue(now);
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    private void Remove(Stream stream) => _streams.TryRemove(stream, out _);

    /// <summary>Sends one RTP datagram; false when it could not be sent.</summary>
    public delegate bool SendDatagram(ReadOnlySpan<byte> datagram);

    /// <summary>
    /// One stream being played. Frame <c>n</c> holds the 20 ms from <c>start + n × 20 ms</c> and goes out when they are
    /// over, as a live source's would: that is the wallclock-to-RTP-timestamp mapping its sender reports give.
    /// </summary>
    public sealed class Stream : IDisposable, IRtpSender
    {
        private readonly MediaClock _clock;
        private readonly IMediaFrameSource _source;
        private readonly RtpPacketizer _packetizer;
        private readonly SendDatagram _send;
        private readonly Action? _finished;
        private readonly DateTimeOffset _start;
        private readonly byte[] _frame = new byte[G711.SamplesPerFrame];
        private readonly byte[] _packet = new byte[RtpPacketizer.PacketLength(G711.SamplesPerFrame)];
        // Guards the packetizer's counters and _sent against an RTCP timer reading them; never held while calling out.
        private readonly Lock _counters = new();
        private long _sent;
        private int _done;

        internal Stream(MediaClock clock, IMediaFrameSource source, RtpPacketizer packetizer, SendDatagram send, Action? finished, DateTimeOffset start)
        {
            _clock = clock;
            _source = source;
            _packetizer = packetizer;
            _send = send;
            _finished = finished;
            _start = start;
        }

        /// <inheritdoc/>
        public uint Ssrc => _packetizer.Ssrc;

        /// <inheritdoc/>
        public RtcpSenderInfo SenderInfo(DateTimeOffset now)
        {
            lock (_counters)
            {
                // The next frame's timestamp belongs to the instant it starts; the RTP clock runs on (or back) from there.
                var nextFrameStarts = _start + TimeSpan.FromTicks(FrameInterval.Ticks * _sent);
                var samples = (now - nextFrameStarts).Ticks * _packetizer.SamplesPerFrame / FrameInterval.Ticks;
                var rtpTimestamp = unchecked(_packetizer.Timestamp + (uint)samples);
                return new RtcpSenderInfo(RtcpSenderInfo.ToNtpTimestamp(now), rtpTimestamp, _packetizer.PacketCount, _packetizer.OctetCount);
            }
        }

        internal void SendDue(DateTimeOffset now)
        {
            var due = (long)((now - _start) / FrameInterval);
            if (due - _sent > MaxCatchUp)
            {
                // Far behind: skip ahead (the far end's jitter buffer would drop a burst anyway).
                lock (_counters)
                {
                    var skipped = due - _sent - 1;
                    _packetizer.AdvanceTimestamp((uint)(skipped * G711.SamplesPerFrame));
                    _sent += skipped;
                }
            }

            while (_sent < due && Volatile.Read(ref _done) == 0)
            {
                if (!_source.TryReadFrame(_frame))
                {
                    Finish();
                    return;
                }

                int length;
                lock (_counters)
                {
                    length = _packetizer.WriteFrame(_frame, _packet);
                    _sent++;
                }

                _send(_packet.AsSpan(0, length));
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
                _clock.Remove(this);
        }

        private void Finish()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0)
                return;
            _clock.Remove(this);
            _finished?.Invoke();
        }
    }
}

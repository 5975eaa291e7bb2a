using System.Security.Cryptography;
using CallCenter.Gateway.Media.Rtp;

namespace CallCenter.Gateway.Media.Rtcp;

/// <summary>
/// The gateway's own RTCP on one leg while it is an end system there (RFC 3550 §6): each interval a compound — an SR
/// when its stream sent RTP since the report before last, else an RR — carrying a reception report on what the leg
/// sends us if anything, then SDES CNAME; and one BYE when the leg closes.
/// </summary>
/// <remarks>
/// <para>
/// The interval is RFC 3550 §6.2's fixed minimum of 5 s, randomized to 0.5-1.5× (§6.3.1) so that reports of many
/// legs do not fall into step, and halved for the first report so that a short prompt is still reported. This is a
/// simplification: a leg has two participants, so there is no computation of the interval from the session bandwidth
/// and the member count, no timer reconsideration (§6.3.3) and therefore no division by e−3/2, and no BYE back-off
/// (§6.3.7).
/// </para>
/// <para>
/// While the leg is bridged the gateway is a translator (RFC 3550 §7.2) and the phones' own RTCP passes through it;
/// the reporter is then detached and sends nothing. Thread-safe: the timer and the leg's owner come in through one
/// lock, which is never held while calling anything but the send and the reception report, both of which take no
/// other lock of the caller's.
/// </para>
/// </remarks>
public sealed class RtcpReporter : IDisposable
{
    /// <summary>RFC 3550 §6.2's minimum interval, used as the interval: no bandwidth is shared on a two-party leg.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly SendCompound _send;
    private readonly Func<RtcpReportBlock?> _receptionReport;
    private readonly Random _random;
    private readonly ITimer _timer;
    private readonly byte[] _buffer = new byte[RtcpCompound.MaxLength];
    private IRtpSender? _source;
    private uint _ssrc;
    private bool _attached;
    private bool _participated;
    private bool _disposed;
    private uint _packetsAtLastReport;
    private bool _sentBeforeLastReport;
    private long _reportsSent;

    /// <summary>
    /// Reports through <paramref name="send"/> (an RTP endpoint's <c>SendRtcp</c>), with <paramref name="receptionReport"/>
    /// (an RTP endpoint's <c>CreateReportBlock</c>) describing what the leg sends us. <paramref name="random"/> spreads the
    /// intervals (shared randomness unless given); <paramref name="cname"/> defaults to a random one (RFC 7022 §4.2).
    /// </summary>
    public RtcpReporter(TimeProvider time, SendCompound send, Func<RtcpReportBlock?> receptionReport, Random? random = null, string? cname = null)
    {
        _time = time;
        _send = send;
        _receptionReport = receptionReport;
        _random = random ?? Random.Shared;
        Cname = cname ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        _ssrc = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Sends one RTCP compound packet; false when it could not be sent.</summary>
    public delegate bool SendCompound(ReadOnlySpan<byte> compound);

    /// <summary>The canonical name every compound carries (RFC 3550 §6.5.1).</summary>
    public string Cname { get; }

    /// <summary>The SSRC reports are sent as: the stream's while there is one, and after it, until another comes.</summary>
    public uint Ssrc
    {
        get
        {
            lock (_lock)
                return _ssrc;
        }
    }

    /// <summary>Compounds sent, the BYE's included.</summary>
    public long ReportsSent => Interlocked.Read(ref _reportsSent);

    /// <summary>
    /// The interval before a report, for a uniform draw <paramref name="uniform"/> in [0, 1): <see cref="Interval"/>
    /// scaled by 0.5 + <paramref name="uniform"/>, and halved before the first report (RFC 3550 §6.2, §6.3.1).
    /// </summary>
    public static TimeSpan NextInterval(double uniform, bool first) =>
        TimeSpan.FromTicks((long)(Interval.Ticks * (first ? 0.5 : 1.0) * (0.5 + uniform)));

    /// <summary>
    /// Reports from now on: as <paramref name="source"/>, the stream the gateway plays on the leg, or as a receiver
    /// only when there is none. A new source does not move a report already scheduled.
    /// </summary>
    public void Attach(IRtpSender? source)
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            if (source is not null && source != _source)
            {
                _ssrc = source.Ssrc;
                _packetsAtLastReport = 0;
                _sentBeforeLastReport = false;
            }

            _source = source;
            bool first = !_participated;
            _participated = true;
            if (_attached)
                return;
            _attached = true;
            _timer.Change(NextInterval(_random.NextDouble(), first), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops reporting (the leg is being bridged: the phones' own RTCP is relayed instead). The SSRC is kept for the BYE.</summary>
    public void Detach()
    {
        lock (_lock)
        {
            _attached = false;
            _source = null;
            if (!_disposed)
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The leg closes: a last compound ending in a BYE (RFC 3550 §6.6), if the gateway ever took part, then nothing more.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _timer.Dispose();
            if (_participated)
                Send(bye: true);
            _attached = false;
            _source = null;
        }
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            if (!_attached || _disposed)
                return;
            Send(bye: false);
            _timer.Change(NextInterval(_random.NextDouble(), first: false), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Writes and sends one compound (under the lock).</summary>
    private void Send(bool bye)
    {
        RtcpSenderInfo? senderInfo = null;
        if (_source is { } source)
        {
            var info = source.SenderInfo(_time.GetUtcNow());
            // RFC 3550 §6.4: an SR when the source sent since the report before last, so one quiet interval is not enough.
            bool sentSinceLastReport = info.PacketCount != _packetsAtLastReport;
            if (sentSinceLastReport || _sentBeforeLastReport)
                senderInfo = info;
            _sentBeforeLastReport = sentSinceLastReport;
            _packetsAtLastReport = info.PacketCount;
        }

        // Detached, the endpoint's statistics describe a relayed stream the gateway does not report on as itself.
        var block = _attached ? _receptionReport() : null;
        if (RtcpCompound.TryWrite(_buffer, _ssrc, senderInfo, block, Cname, bye, out int written) && _send(_buffer.AsSpan(0, written)))
            Interlocked.Increment(ref _reportsSent);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CallCenter.Gateway.Media.Rtcp;

namespace CallCenter.Gateway.Media.Transport;

/// <summary>Handles one well-formed RTCP compound received by <paramref name="endpoint"/>; the span is only valid during the call.</summary>
public delegate void RtcpCompoundHandler(RtpEndpoint endpoint, ReadOnlySpan<byte> compound);

// The RTCP port of a leg (RFC 3550 §6): what the far end reports is kept, the compound is handed on as it came (to a
// relay, which forwards it as a translator does), and the gateway's own reports go out to where the leg's RTCP comes
// from (symmetric RTCP, RFC 4961) or else to the port above its RTP. Like the RTP side, nothing is allocated per packet.
public sealed partial class RtpEndpoint
{
    private volatile RtcpCompoundHandler? _rtcpHandler;
    // Under _statisticsLock, with the reception statistics they complete.
    private RtcpReportBlock? _farEndReport;
    private uint _lastSenderReportSsrc;
    private uint _lastSenderReport;
    private long _lastSenderReportArrival;
    private long _rtcpReceived;
    private long _rtcpSent;
    private long _invalidRtcp;
    private long _strayRtcp;

    /// <summary>Receives every well-formed RTCP compound from the leg, unchanged; null drops them. A relay sets it.</summary>
    public RtcpCompoundHandler? RtcpHandler
    {
        get => _rtcpHandler;
        set => _rtcpHandler = value;
    }

    /// <summary>Called with each SR or RR the far end sends, parsed (this allocates); runs on the RTCP receive loop.</summary>
    public Action<RtpEndpoint, RtcpReport>? RtcpReportReceived { get; set; }

    /// <summary>Well-formed RTCP compounds accepted from the leg.</summary>
    public long RtcpPacketsReceived => Interlocked.Read(ref _rtcpReceived);

    /// <summary>RTCP compounds sent to the leg: the gateway's own and those relayed from the other leg.</summary>
    public long RtcpPacketsSent => Interlocked.Read(ref _rtcpSent);

    /// <summary>Datagrams on the RTCP port that were not well-formed RTCP.</summary>
    public long InvalidRtcpPackets => Interlocked.Read(ref _invalidRtcp);

    /// <summary>RTCP from another host than the latched RTP source, dropped (not passed on to the other leg).</summary>
    public long StrayRtcpPackets => Interlocked.Read(ref _strayRtcp);

    /// <summary>Where RTCP is sent now: the port above the remote RTP port, or where the leg's RTCP came from.</summary>
    public IPEndPoint? RemoteRtcpEndPoint =>
        _remote is { } remote ? (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(remote.RtcpAddress) : null;

    /// <summary>
    /// The first reception report block of the far end's latest SR or RR: how the stream it receives from this endpoint
    /// (the gateway's, or the other leg's relayed) reaches it. Null until it sends one.
    /// </summary>
    public RtcpReportBlock? FarEndReport
    {
        get
        {
            lock (_statisticsLock)
                return _farEndReport;
        }
    }

    /// <summary>Sends one RTCP compound packet to the leg (RFC 3550 §11, RFC 4961).</summary>
    public bool SendRtcp(ReadOnlySpan<byte> compound) => SendTo(_rtcp, _remote?.RtcpAddress, compound, ref _rtcpSent);

    /// <summary>
    /// A reception report on the leg's current source (RFC 3550 §6.4.1) that starts a new interval, or null before a
    /// source is validated. LSR and DLSR echo that source's last SR so that it can measure the round trip.
    /// </summary>
    public RtcpReportBlock? CreateReportBlock()
    {
        lock (_statisticsLock)
        {
            if (!_statistics.IsValidated)
                return null;
            if (_lastSenderReportArrival == 0 || _lastSenderReportSsrc != _statisticsSsrc)
                return _statistics.CreateReportBlock(_statisticsSsrc);
            long delay = (Stopwatch.GetTimestamp() - _lastSenderReportArrival) * 65536 / Stopwatch.Frequency;
            return _statistics.CreateReportBlock(_statisticsSsrc, _lastSenderReport, (uint)Math.Min(delay, uint.MaxValue));
        }
    }

    private void OnRtcp(ReadOnlySpan<byte> datagram, SocketAddress source)
    {
        if (!RtcpCompound.IsWellFormed(datagram))
        {
            Interlocked.Increment(ref _invalidRtcp);
            return;
        }

        Remote? remote = _remote;
        if (remote is { Latched: true })
        {
            if (!SameHost(source, remote.RtpAddress))
            {
                // Passed on, it would reach the other phone as if from this one (a forged BYE, say).
                Interlocked.Increment(ref _strayRtcp);
                return;
            }

            if (_symmetric && !source.Equals(remote.RtcpAddress))
            {
                // The NAT maps the phone's RTCP port apart from its RTP port: answer where it comes from (RFC 4961).
                // A SetRemote meanwhile wins; the next compound latches again.
                Interlocked.CompareExchange(ref _remote, remote.WithRtcpFrom(source), remote);
            }
        }

        Interlocked.Increment(ref _rtcpReceived);
        if (RtcpPacket.TryReadFirstReport(datagram, out uint reporter, out RtcpSenderInfo? senderInfo, out RtcpReportBlock? block))
            Remember(reporter, senderInfo, block);
        _rtcpHandler?.Invoke(this, datagram);
        if (RtcpReportReceived is { } handler && RtcpPacket.TryParseReport(datagram, out RtcpReport? report))
            handler(this, report!);
    }

    private void Remember(uint reporter, RtcpSenderInfo? senderInfo, RtcpReportBlock? block)
    {
        lock (_statisticsLock)
        {
            if (block is not null)
                _farEndReport = block;
            if (senderInfo is { } info)
            {
                _lastSenderReportSsrc = reporter;
                _lastSenderReport = info.CompactNtpTimestamp;
                _lastSenderReportArrival = Stopwatch.GetTimestamp();
            }
        }
    }

    // The address bytes of sockaddr_in (offset 4) and sockaddr_in6 (offset 8), at the same place on every platform .NET runs on.
    private static bool SameHost(SocketAddress a, SocketAddress b)
    {
        if (a.Family != b.Family)
            return false;
        (int at, int length) = a.Family == AddressFamily.InterNetworkV6 ? (8, 16) : (4, 4);
        return a.Size >= at + length && b.Size >= at + length
            && a.Buffer.Span.Slice(at, length).SequenceEqual(b.Buffer.Span.Slice(at, length));
    }
}

using System.Net;
using System.Net.Sockets;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Telemetry;

namespace CallCenter.Gateway.Media.Transport;

/// <summary>Handles one valid RTP packet received by <paramref name="endpoint"/>; the packet is only valid during the call.</summary>
public delegate void RtpPacketHandler(RtpEndpoint endpoint, in RtpPacket packet);

/// <summary>
/// The media end of one call leg: an RTP socket on an even port and an RTCP socket on the odd port above
/// it (RFC 3550 §11), with receive loops that hand every valid RTP packet to <see cref="PacketHandler"/>
/// without allocating. With symmetric RTP (RFC 4961) the endpoint sends to wherever the leg's first valid
/// packet came from — the NAT's public side for an agent behind one — instead of the SDP address, and from
/// then on ignores packets from anywhere else. Sending is thread-safe; the handler runs on the receive loop.
/// RTCP is in RtpEndpoint.Rtcp.cs.
/// </summary>
public sealed partial class RtpEndpoint : IAsyncDisposable
{
    private readonly RtpPortAllocator _allocator;
    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly bool _symmetric;
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _statisticsLock = new();
    private Task _loops = Task.CompletedTask;
    private volatile Remote? _remote;
    private volatile RtpPacketHandler? _handler;
    private RtpReceptionStatistics _statistics = new();
    private uint _statisticsSsrc;
    private long _packetsReceived;
    private long _bytesReceived;
    private long _packetsSent;
    private long _invalidPackets;
    private long _strayPackets;
    private long _sendFailures;
    private long _handlerErrors;
    private int _disposed;

    private RtpEndpoint(RtpPortAllocator allocator, RtpPortPair ports, Socket rtp, Socket rtcp, bool symmetric)
    {
        _allocator = allocator;
        Ports = ports;
        _rtp = rtp;
        _rtcp = rtcp;
        _symmetric = symmetric;
        LocalEndPoint = (IPEndPoint)rtp.LocalEndPoint!;
    }

    /// <summary>The gateway whose media this is (telemetry's <c>gateway</c> attribute).</summary>
    public string Gateway => _allocator.Gateway;

    /// <summary>The RTP and RTCP ports held until disposal.</summary>
    public RtpPortPair Ports { get; }

    /// <summary>Where RTP is received: the address and port to put in SDP.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Where RTP is sent now: the SDP address, or the latched source once a packet has arrived.</summary>
    public IPEndPoint? RemoteEndPoint => _remote?.EndPoint;

    /// <summary>True once symmetric RTP has latched onto the source of a valid packet.</summary>
    public bool IsLatched => _remote?.Latched ?? false;

    /// <summary>Receives every valid RTP packet; null drops them. Swap it to move a leg between IVR and a bridge.</summary>
    public RtpPacketHandler? PacketHandler
    {
        get => _handler;
        set => _handler = value;
    }

    /// <summary>Valid RTP packets accepted from the leg.</summary>
    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    /// <summary>Octets of those packets.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>RTP packets sent to the leg.</summary>
    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    /// <summary>Datagrams on the RTP port that were not RTP.</summary>
    public long InvalidPackets => Interlocked.Read(ref _invalidPackets);

    /// <summary>Valid packets from somewhere other than the latched source, dropped.</summary>
    public long StrayPackets => Interlocked.Read(ref _strayPackets);

    /// <summary>Sends that failed or had nowhere to go.</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Exceptions thrown by <see cref="PacketHandler"/>; each cost one packet, not the leg.</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    /// <summary>The last exception thrown by a handler, for diagnostics.</summary>
    public Exception? LastHandlerError { get; private set; }

    /// <summary>
    /// Binds the next free pair of <paramref name="allocator"/> on <paramref name="bindAddress"/>, skipping
    /// pairs some other process holds. Throws <see cref="InvalidOperationException"/> when none can be bound.
    /// </summary>
    public static RtpEndpoint Open(RtpPortAllocator allocator, IPAddress bindAddress, bool symmetricRtp = true)
    {
        ArgumentNullException.ThrowIfNull(allocator);
        ArgumentNullException.ThrowIfNull(bindAddress);
        for (int attempt = 0; attempt < allocator.Capacity; attempt++)
        {
            if (!allocator.TryAllocate(out RtpPortPair ports))
            {
                break;
            }

            Socket? rtp = null;
            Socket? rtcp = null;
            try
            {
                rtp = Bind(bindAddress, ports.RtpPort);
                rtcp = Bind(bindAddress, ports.RtcpPort);
                return new RtpEndpoint(allocator, ports, rtp, rtcp, symmetricRtp);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                rtp?.Dispose();
                rtcp?.Dispose();
                allocator.Release(ports);
            }
        }

        throw new InvalidOperationException($"No free RTP port pair on {bindAddress} from {allocator.FirstPort}: {allocator.InUse} of {allocator.Capacity} pairs are in use here.");
    }

    /// <summary>Binds as <paramref name="options"/> say.</summary>
    public static RtpEndpoint Open(RtpPortAllocator allocator, RtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Open(allocator, IPAddress.Parse(options.BindAddress), options.SymmetricRtp);
    }

    /// <summary>
    /// Sets where to send (the address in the leg's SDP); null to wait for the leg's first packet. Re-arms
    /// symmetric latching, e.g. after a re-INVITE moved the media.
    /// </summary>
    public void SetRemote(IPEndPoint? remote) => _remote = remote is null ? null : new Remote(remote, latched: false);

    /// <summary>Packets lost and interarrival jitter of the stream received now (RFC 3550 A.3, A.8).</summary>
    public (long Lost, double JitterSeconds) Reception
    {
        get
        {
            lock (_statisticsLock)
            {
                return (_statistics.CumulativeLost, (double)_statistics.Jitter / Codecs.G711.ClockRate);
            }
        }
    }

    /// <summary>Starts the receive loops.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_loops.IsCompleted)
        {
            return;
        }

        MediaTelemetry.Opened(this);
        _loops = Task.WhenAll(
            Task.Run(() => DatagramReceiver.RunAsync(_rtp, OnRtp, OnHandlerError, _closing.Token)),
            Task.Run(() => DatagramReceiver.RunAsync(_rtcp, OnRtcp, OnHandlerError, _closing.Token)));
    }

    /// <summary>Sends one RTP datagram to the leg; false when there is nowhere to send yet or the send failed.</summary>
    public bool Send(ReadOnlySpan<byte> datagram) => SendTo(_rtp, _remote?.RtpAddress, datagram, ref _packetsSent);

    /// <summary>Stops the loops, closes both sockets and returns the ports.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The loops end first: a socket disposed under a pending receive leaves its event args to the finalizer
        // (measured: ~3 finalizations per call through the gateway).
        await _closing.CancelAsync().ConfigureAwait(false);
        await _loops.ConfigureAwait(false);
        MediaTelemetry.Closed(this);
        _rtp.Dispose();
        _rtcp.Dispose();
        _closing.Dispose();
        _allocator.Release(Ports);
    }

    private static Socket Bind(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool SendTo(Socket socket, SocketAddress? address, ReadOnlySpan<byte> datagram, ref long sent)
    {
        if (address is null || _disposed != 0)
        {
            Interlocked.Increment(ref _sendFailures);
            return false;
        }

        try
        {
            socket.SendTo(datagram, SocketFlags.None, address);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _sendFailures);
            return false;
        }

        Interlocked.Increment(ref sent);
        return true;
    }

    private void OnRtp(ReadOnlySpan<byte> datagram, SocketAddress source)
    {
        if (!RtpPacket.TryParse(datagram, out RtpPacket packet))
        {
            Interlocked.Increment(ref _invalidPackets);
            return;
        }

        Remote? remote = _remote;
        if (_symmetric && remote is not { Latched: true })
        {
            // The first valid packet tells us where the leg really is (RFC 4961).
            remote = new Remote(source, latched: true);
            _remote = remote;
        }
        else if (remote is { Latched: true } && !source.Equals(remote.RtpAddress))
        {
            Interlocked.Increment(ref _strayPackets);
            return;
        }

        Interlocked.Increment(ref _packetsReceived);
        Interlocked.Add(ref _bytesReceived, datagram.Length);
        UpdateStatistics(packet.Header);
        _handler?.Invoke(this, packet);
    }

    private void UpdateStatistics(in RtpHeader header)
    {
        uint arrival = RtpReceptionStatistics.ToTimestampUnits(System.Diagnostics.Stopwatch.GetTimestamp(), Codecs.G711.ClockRate);
        lock (_statisticsLock)
        {
            if (header.Ssrc != _statisticsSsrc)
            {
                // A new source (the far end restarted its stream): its numbering starts afresh.
                _statistics = new RtpReceptionStatistics();
                _statisticsSsrc = header.Ssrc;
            }

            _statistics.Update(header.SequenceNumber, header.Timestamp, arrival);
        }
    }

    private void OnHandlerError(Exception e)
    {
        Interlocked.Increment(ref _handlerErrors);
        LastHandlerError = e;
    }

    // Immutable once published, so the send path reads it without a lock.
    private sealed class Remote
    {
        public Remote(IPEndPoint endPoint, bool latched, SocketAddress? rtcpAddress = null)
        {
            EndPoint = endPoint;
            Latched = latched;
            RtpAddress = endPoint.Serialize();
            RtcpAddress = rtcpAddress ?? new IPEndPoint(endPoint.Address, endPoint.Port + 1).Serialize();
            RtcpLatched = rtcpAddress is not null;
        }

        public Remote(SocketAddress source, bool latched)
            : this(ToEndPoint(source), latched)
        {
        }

        public IPEndPoint EndPoint { get; }

        public bool Latched { get; }

        public SocketAddress RtpAddress { get; }

        public SocketAddress RtcpAddress { get; }

        /// <summary>True once RTCP goes to where the leg's RTCP comes from rather than to the port above its RTP.</summary>
        public bool RtcpLatched { get; }

        /// <summary>This remote with RTCP sent to <paramref name="source"/> (copied: the receive loop reuses it).</summary>
        public Remote WithRtcpFrom(SocketAddress source) => new(EndPoint, Latched, ToEndPoint(source).Serialize());

        private static IPEndPoint ToEndPoint(SocketAddress address) => (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(address);
    }
}

namespace CallCenter.Gateway.Media.Transport;

/// <summary>An RTP port and the RTCP port above it (RFC 3550 §11: RTP even, RTCP the next odd port).</summary>
/// <param name="RtpPort">The even port.</param>
public readonly record struct RtpPortPair(int RtpPort)
{
    /// <summary>The odd port for RTCP.</summary>
    public int RtcpPort => RtpPort + 1;
}

/// <summary>
/// Hands out RTP/RTCP port pairs from a configured range, never the same pair twice while it is in use.
/// Pairs are handed out round-robin so a released pair is reused as late as possible: a stray packet of
/// a call that just ended does not land in the next call. Thread-safe.
/// </summary>
public sealed class RtpPortAllocator
{
    /// <summary>The default range's first port (DESIGN.md).</summary>
    public const int DefaultFirstPort = 20000;

    /// <summary>The default range's last port (DESIGN.md).</summary>
    public const int DefaultLastPort = 29999;

    private readonly Lock _lock = new();
    private readonly bool[] _inUse;
    private int _next;
    private int _inUseCount;

    /// <summary>An allocator over <paramref name="firstPort"/>..<paramref name="lastPort"/>; an odd first port is rounded up.</summary>
    public RtpPortAllocator(int firstPort = DefaultFirstPort, int lastPort = DefaultLastPort)
    {
        FirstPort = firstPort + (firstPort & 1);
        if (FirstPort < 1024 || lastPort > 65535 || lastPort <= FirstPort)
        {
            throw new ArgumentOutOfRangeException(nameof(firstPort), $"The RTP port range {firstPort}-{lastPort} must hold at least one even/odd pair between 1024 and 65535.");
        }

        _inUse = new bool[(lastPort - FirstPort + 1) / 2];
    }

    /// <summary>The gateway these ports are its media of, named as in SIP telemetry (its SIP address, host:port).</summary>
    public string Gateway { get; init; } = "none";

    /// <summary>The first (even) port of the range.</summary>
    public int FirstPort { get; }

    /// <summary>How many pairs the range holds: how many call legs can have media at once.</summary>
    public int Capacity => _inUse.Length;

    /// <summary>Pairs handed out and not yet released.</summary>
    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _inUseCount;
            }
        }
    }

    /// <summary>Takes the next free pair; false when every pair is in use.</summary>
    public bool TryAllocate(out RtpPortPair pair)
    {
        lock (_lock)
        {
            for (int tried = 0; tried < _inUse.Length; tried++)
            {
                int index = _next;
                _next = (_next + 1) % _inUse.Length;
                if (!_inUse[index])
                {
                    _inUse[index] = true;
                    _inUseCount++;
                    pair = new RtpPortPair(FirstPort + (2 * index));
                    return true;
                }
            }
        }

        pair = default;
        return false;
    }

    /// <summary>Returns a pair; releasing one that is not in use (twice, or never allocated here) throws.</summary>
    public void Release(RtpPortPair pair)
    {
        int index = (pair.RtpPort - FirstPort) / 2;
        lock (_lock)
        {
            if ((pair.RtpPort & 1) != 0 || index < 0 || index >= _inUse.Length || !_inUse[index])
            {
                throw new InvalidOperationException($"RTP port {pair.RtpPort} was not allocated here.");
            }

            _inUse[index] = false;
            _inUseCount--;
        }
    }
}

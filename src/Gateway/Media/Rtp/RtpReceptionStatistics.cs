using CallCenter.Gateway.Media.Rtcp;

namespace CallCenter.Gateway.Media.Rtp;

/// <summary>
/// What a receiver knows about one source: extended sequence numbers across wrap-around, packets
/// received and lost, and interarrival jitter — the inputs of an RTCP report block (RFC 3550 §6.4.1).
/// </summary>
/// <remarks>
/// Follows RFC 3550 Appendix A.1 (source validation and sequence tracking, with its constants),
/// A.3 (expected and lost packets) and A.8 (jitter, in integer arithmetic scaled by 16). One instance
/// per received SSRC; not thread-safe — call it from the stream's receive loop.
/// </remarks>
public sealed class RtpReceptionStatistics
{
    /// <summary>Sequential packets needed before a new source is believed (A.1 MIN_SEQUENTIAL).</summary>
    public const int MinSequential = 2;

    /// <summary>A forward jump this large or more is a restart, not loss (A.1 MAX_DROPOUT).</summary>
    public const int MaxDropout = 3000;

    /// <summary>A backward jump smaller than this is a late packet (A.1 MAX_MISORDER).</summary>
    public const int MaxMisorder = 100;

    private const uint SequenceModulo = 1 << 16;

    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private uint _badSequence;
    private int _probation;
    private uint _received;
    private uint _expectedPrior;
    private uint _receivedPrior;
    private bool _started;
    private bool _hasTransit;
    private int _transit;
    private uint _scaledJitter;

    /// <summary>Packets counted as received since the source was validated (duplicates included, as in A.1).</summary>
    public uint PacketsReceived => _received;

    /// <summary>True once <see cref="MinSequential"/> packets in sequence have arrived.</summary>
    public bool IsValidated => _started && _probation == 0;

    /// <summary>The highest sequence number seen, extended with the count of wrap-arounds in the high 16 bits.</summary>
    public uint ExtendedHighestSequence => _cycles + _maxSequence;

    /// <summary>Packets expected from the first validated one to the highest seen (A.3).</summary>
    public uint PacketsExpected => IsValidated ? ExtendedHighestSequence - _baseSequence + 1 : 0;

    /// <summary>Expected minus received; negative when duplicates arrived (A.3).</summary>
    public long CumulativeLost => IsValidated ? (long)PacketsExpected - _received : 0;

    /// <summary>Interarrival jitter in timestamp units (A.8), as reported in RTCP.</summary>
    public uint Jitter => _scaledJitter >> 4;

    /// <summary>
    /// Accounts for one packet. <paramref name="arrival"/> is the arrival time in the same clock-rate
    /// units as <paramref name="rtpTimestamp"/> (any origin; see <see cref="ToTimestampUnits"/>).
    /// Returns false when the packet should not be played: the source is on probation, or the
    /// sequence number jumped so far it looks like a restart that has not been confirmed yet.
    /// </summary>
    public bool Update(ushort sequenceNumber, uint rtpTimestamp, uint arrival)
    {
        if (!_started)
        {
            _started = true;
            Restart(sequenceNumber);
            _maxSequence = (ushort)(sequenceNumber - 1);
            _probation = MinSequential;
        }

        if (!UpdateSequence(sequenceNumber))
        {
            return false;
        }

        UpdateJitter(rtpTimestamp, arrival);
        return true;
    }

    /// <summary>
    /// Builds the report block for this source and starts a new reporting interval, so the fraction
    /// lost covers only the packets since the previous call (A.3).
    /// </summary>
    /// <param name="ssrc">The source this block reports on.</param>
    /// <param name="lastSenderReport">Middle 32 bits of the NTP timestamp of its last SR, or 0.</param>
    /// <param name="delaySinceLastSenderReport">Delay since that SR in units of 1/65536 s, or 0.</param>
    public RtcpReportBlock CreateReportBlock(uint ssrc, uint lastSenderReport = 0, uint delaySinceLastSenderReport = 0)
    {
        uint expected = PacketsExpected;
        uint expectedInterval = expected - _expectedPrior;
        _expectedPrior = expected;
        uint receivedInterval = _received - _receivedPrior;
        _receivedPrior = _received;
        long lostInterval = (long)expectedInterval - receivedInterval;
        byte fraction = expectedInterval == 0 || lostInterval <= 0
            ? (byte)0
            : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        return new RtcpReportBlock(
            ssrc,
            fraction,
            (int)Math.Clamp(CumulativeLost, RtcpReportBlock.MinCumulativeLost, RtcpReportBlock.MaxCumulativeLost),
            ExtendedHighestSequence,
            Jitter,
            lastSenderReport,
            delaySinceLastSenderReport);
    }

    /// <summary>Converts a <see cref="System.Diagnostics.Stopwatch"/> reading to timestamp units of <paramref name="clockRate"/>.</summary>
    public static uint ToTimestampUnits(long stopwatchTicks, int clockRate) =>
        unchecked((uint)((Int128)stopwatchTicks * clockRate / System.Diagnostics.Stopwatch.Frequency));

    private bool UpdateSequence(ushort sequence)
    {
        ushort delta = (ushort)(sequence - _maxSequence);
        if (_probation > 0)
        {
            if (sequence == (ushort)(_maxSequence + 1))
            {
                _probation--;
                _maxSequence = sequence;
                if (_probation == 0)
                {
                    Restart(sequence);
                    _received++;
                    return true;
                }
            }
            else
            {
                _probation = MinSequential - 1;
                _maxSequence = sequence;
            }

            return false;
        }

        if (delta < MaxDropout)
        {
            if (sequence < _maxSequence)
            {
                _cycles += SequenceModulo;
            }

            _maxSequence = sequence;
        }
        else if (delta <= SequenceModulo - MaxMisorder)
        {
            if (sequence != _badSequence)
            {
                _badSequence = (sequence + 1u) & (SequenceModulo - 1);
                return false;
            }

            // Two sequential packets after a big jump: the sender restarted, so start counting afresh.
            Restart(sequence);
        }

        // Otherwise a duplicate or a late packet: counted, as A.1 does, without moving the maximum.
        _received++;
        return true;
    }

    private void Restart(ushort sequence)
    {
        _baseSequence = sequence;
        _maxSequence = sequence;
        _badSequence = SequenceModulo + 1;
        _cycles = 0;
        _received = 0;
        _receivedPrior = 0;
        _expectedPrior = 0;
    }

    private void UpdateJitter(uint rtpTimestamp, uint arrival)
    {
        int transit = unchecked((int)(arrival - rtpTimestamp));
        if (_hasTransit)
        {
            int d = Math.Abs(unchecked(transit - _transit));
            // J += (|D| - J) / 16, kept scaled by 16 so integer arithmetic does not lose the fraction (A.8).
            _scaledJitter = unchecked(_scaledJitter + (uint)d - ((_scaledJitter + 8) >> 4));
        }

        _hasTransit = true;
        _transit = transit;
    }
}

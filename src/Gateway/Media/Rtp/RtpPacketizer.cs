using System.Security.Cryptography;

namespace CallCenter.Gateway.Media.Rtp;

/// <summary>
/// The sending side of one RTP stream: a random SSRC, sequence number and timestamp origin
/// (RFC 3550 §5.1), one packet per frame with the timestamp advanced by the frame's samples.
/// Defaults suit 8 kHz G.711 in 20 ms frames (160 samples). Not thread-safe: one sender per stream.
/// </summary>
public sealed class RtpPacketizer
{
    private bool _sentFirst;

    /// <summary>A stream with random SSRC, initial sequence number and timestamp.</summary>
    public RtpPacketizer(byte payloadType, int samplesPerFrame = Codecs.G711.SamplesPerFrame)
        : this(payloadType, RandomUInt32(), (ushort)RandomUInt32(), RandomUInt32(), samplesPerFrame)
    {
    }

    /// <summary>A stream with chosen origins, for tests and for continuing a stream.</summary>
    public RtpPacketizer(byte payloadType, uint ssrc, ushort firstSequenceNumber, uint firstTimestamp, int samplesPerFrame = Codecs.G711.SamplesPerFrame)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, (byte)0x7F);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samplesPerFrame);
        PayloadType = payloadType;
        Ssrc = ssrc;
        SequenceNumber = firstSequenceNumber;
        Timestamp = firstTimestamp;
        SamplesPerFrame = samplesPerFrame;
    }

    /// <summary>The payload type of audio frames.</summary>
    public byte PayloadType { get; }

    /// <summary>This stream's synchronisation source.</summary>
    public uint Ssrc { get; }

    /// <summary>Samples per frame; the timestamp step.</summary>
    public int SamplesPerFrame { get; }

    /// <summary>The sequence number of the next packet.</summary>
    public ushort SequenceNumber { get; private set; }

    /// <summary>The timestamp of the next audio frame.</summary>
    public uint Timestamp { get; private set; }

    /// <summary>Packets written, for the sender info of an RTCP SR (RFC 3550 §6.4.1).</summary>
    public uint PacketCount { get; private set; }

    /// <summary>Payload octets written, for the sender info of an RTCP SR.</summary>
    public uint OctetCount { get; private set; }

    /// <summary>The largest packet <see cref="WriteFrame"/> produces for a frame of <paramref name="payloadLength"/>.</summary>
    public static int PacketLength(int payloadLength) => RtpPacket.FixedHeaderLength + payloadLength;

    /// <summary>
    /// Writes the next audio packet and advances the timestamp by one frame. The marker is set on the
    /// stream's first packet and wherever the caller says a talkspurt starts (RFC 3551 §4.1).
    /// Returns the packet length.
    /// </summary>
    public int WriteFrame(ReadOnlySpan<byte> frame, Span<byte> destination, bool marker = false)
    {
        int written = Write(destination, PayloadType, Timestamp, marker || !_sentFirst, frame);
        Timestamp = unchecked(Timestamp + (uint)SamplesPerFrame);
        return written;
    }

    /// <summary>
    /// Writes a packet of another payload type sharing this stream's SSRC and sequence space, at a
    /// given timestamp — how RFC 4733 §2.1 sends telephone events. The audio timestamp is not moved;
    /// call <see cref="AdvanceTimestamp"/> for the time the event replaced audio.
    /// </summary>
    public int WriteEvent(byte payloadType, uint timestamp, bool marker, ReadOnlySpan<byte> payload, Span<byte> destination) =>
        Write(destination, payloadType, timestamp, marker, payload);

    /// <summary>Moves the audio clock on without sending, e.g. over suppressed silence or a DTMF event.</summary>
    public void AdvanceTimestamp(uint samples) => Timestamp = unchecked(Timestamp + samples);

    private int Write(Span<byte> destination, byte payloadType, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        var header = new RtpHeader(payloadType, SequenceNumber, timestamp, Ssrc, marker);
        if (!RtpPacket.TryWrite(destination, header, payload, out int written))
        {
            throw new ArgumentException($"The destination of {destination.Length} bytes cannot hold a packet of {PacketLength(payload.Length)}.", nameof(destination));
        }

        _sentFirst = true;
        SequenceNumber = unchecked((ushort)(SequenceNumber + 1));
        PacketCount = unchecked(PacketCount + 1);
        OctetCount = unchecked(OctetCount + (uint)payload.Length);
        return written;
    }

    private static uint RandomUInt32()
    {
        Span<byte> bytes = stackalloc byte[4];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt32(bytes);
    }
}

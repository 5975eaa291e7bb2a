using System.Buffers.Binary;

namespace CallCenter.Gateway.Media.Dtmf;

/// <summary>The payload of an RFC 4733 telephone-event packet (§2.3): one event's state so far.</summary>
/// <param name="Event">The event code (§3.2: 0-9, 10 = *, 11 = #, 12-15 = A-D, 16 = flash).</param>
/// <param name="End">The E bit: this is the last report of the event.</param>
/// <param name="Volume">Power level in -dBm0, 0-63 (§2.3.4).</param>
/// <param name="Duration">Duration so far, in timestamp units from the event's RTP timestamp (§2.3.5).</param>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>Octets of one event on the wire.</summary>
    public const int Length = 4;

    /// <summary>The dynamic payload type most peers offer for telephone-event/8000.</summary>
    public const byte DefaultPayloadType = 101;

    /// <summary>Reads the first event of a payload; false when it is shorter than four octets.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent telephoneEvent)
    {
        if (payload.Length < Length)
        {
            telephoneEvent = default;
            return false;
        }

        telephoneEvent = new TelephoneEvent(
            payload[0],
            (payload[1] & 0x80) != 0,
            (byte)(payload[1] & 0x3F),
            BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the four octets; the R bit is always zero (§2.3.3).</summary>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException("A telephone event needs four octets.", nameof(destination));
        }

        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
    }
}

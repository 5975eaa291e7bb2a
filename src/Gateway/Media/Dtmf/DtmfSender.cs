namespace CallCenter.Gateway.Media.Dtmf;

/// <summary>One packet of a telephone-event as a sender emits it (RFC 4733 §2.5.1).</summary>
/// <param name="Payload">Event, E bit, volume and duration so far.</param>
/// <param name="Marker">Set on the first packet of the event only (§2.5.1.1).</param>
/// <param name="SendAfter">When to send it, from the first packet.</param>
public readonly record struct TelephoneEventPacket(TelephoneEvent Payload, bool Marker, TimeSpan SendAfter);

/// <summary>
/// Produces the standard packet sequence for one key press (RFC 4733 §2.5.1): a first packet with the
/// marker bit, an update every packet interval with the duration so far, then the end packet sent three
/// times (§2.5.1.4). Every packet carries the event's start timestamp; send them through
/// <see cref="Rtp.RtpPacketizer.WriteEvent"/> so each gets the next sequence number, and advance the
/// audio clock by the final duration afterwards.
/// </summary>
public static class DtmfSender
{
    /// <summary>How often the end packet is sent (§2.5.1.4).</summary>
    public const int EndPacketCopies = 3;

    /// <summary>A typical key press: long enough for every detector, short enough for fast menus.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMilliseconds(100);

    /// <summary>The packets for <paramref name="digit"/> held for <paramref name="duration"/>.</summary>
    /// <param name="digit">0-9, *, #, A-D or '!' (flash).</param>
    /// <param name="duration">How long the tone lasts; at most one duration field (about 8 s at 8 kHz).</param>
    /// <param name="volume">Power level in -dBm0 (§2.3.4); 10 is a common default.</param>
    /// <param name="packetInterval">The update interval, normally the audio packetisation (20 ms).</param>
    /// <param name="clockRate">The telephone-event clock rate, equal to the audio's (§2.1).</param>
    public static IReadOnlyList<TelephoneEventPacket> CreatePackets(
        char digit,
        TimeSpan duration,
        byte volume = 10,
        TimeSpan? packetInterval = null,
        int clockRate = Codecs.G711.ClockRate)
    {
        if (!DtmfDigit.TryToEventCode(digit, out byte eventCode))
        {
            throw new ArgumentException($"'{digit}' is not a DTMF digit (0-9, *, #, A-D, ! for flash).", nameof(digit));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, (byte)63);
        TimeSpan interval = packetInterval ?? Codecs.G711.FrameDuration;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(packetInterval));
        long totalUnits = (long)Math.Round(duration.TotalSeconds * clockRate);
        long intervalUnits = (long)Math.Round(interval.TotalSeconds * clockRate);
        if (totalUnits < intervalUnits || totalUnits > ushort.MaxValue)
        {
            // Longer events need segments with new timestamps (§2.5.1.3); no key press lasts that long.
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"A DTMF event lasts between one packet interval and {ushort.MaxValue} timestamp units.");
        }

        var packets = new List<TelephoneEventPacket>();
        TimeSpan sendAfter = TimeSpan.Zero;
        for (long units = intervalUnits; units < totalUnits; units += intervalUnits)
        {
            packets.Add(new TelephoneEventPacket(new TelephoneEvent(eventCode, false, volume, (ushort)units), packets.Count == 0, sendAfter));
            sendAfter += interval;
        }

        var end = new TelephoneEvent(eventCode, true, volume, (ushort)totalUnits);
        for (int copy = 0; copy < EndPacketCopies; copy++)
        {
            packets.Add(new TelephoneEventPacket(end, packets.Count == 0, sendAfter));
            sendAfter += interval;
        }

        return packets;
    }
}

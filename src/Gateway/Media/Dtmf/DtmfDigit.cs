namespace CallCenter.Gateway.Media.Dtmf;

/// <summary>How a key press reached the gateway.</summary>
public enum DtmfTransport
{
    /// <summary>In the media stream as RFC 4733 telephone-events.</summary>
    TelephoneEvent,

    /// <summary>In a SIP INFO request (application/dtmf-relay or application/dtmf).</summary>
    SipInfo,
}

/// <summary>One key press: the digit, how long it was held, and how it was signalled.</summary>
/// <param name="Digit">One of 0-9, *, #, A-D, or '!' for a hook flash.</param>
/// <param name="Duration">How long the key was held, as the sender reported it.</param>
/// <param name="Transport">Media stream or SIP INFO.</param>
public readonly record struct DtmfDigit(char Digit, TimeSpan Duration, DtmfTransport Transport)
{
    /// <summary>The RFC 4733 event code of a hook flash.</summary>
    public const byte FlashEvent = 16;

    /// <summary>The character that stands for a hook flash.</summary>
    public const char Flash = '!';

    private const string EventCharacters = "0123456789*#ABCD!";

    /// <summary>Maps an RFC 4733 §3.2 event code (0-9, 10 = *, 11 = #, 12-15 = A-D, 16 = flash) to its character.</summary>
    public static bool TryFromEventCode(int eventCode, out char digit)
    {
        bool known = eventCode >= 0 && eventCode < EventCharacters.Length;
        digit = known ? EventCharacters[eventCode] : '\0';
        return known;
    }

    /// <summary>Maps a character (case-insensitive for A-D) to its RFC 4733 §3.2 event code.</summary>
    public static bool TryToEventCode(char digit, out byte eventCode)
    {
        int index = EventCharacters.IndexOf(char.ToUpperInvariant(digit));
        eventCode = index < 0 ? (byte)0 : (byte)index;
        return index >= 0;
    }
}

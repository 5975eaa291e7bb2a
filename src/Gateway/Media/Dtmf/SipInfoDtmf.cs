using System.Globalization;

namespace CallCenter.Gateway.Media.Dtmf;

/// <summary>
/// Reads key presses carried in SIP INFO bodies (RFC 6086 transports them; the formats are de facto):
/// <c>application/dtmf-relay</c> (<c>Signal=5\r\nDuration=160\r\n</c>, duration in milliseconds) and
/// <c>application/dtmf</c> (the digit, or its RFC 4733 event code, alone).
/// </summary>
public static class SipInfoDtmf
{
    /// <summary>The body type most phones send.</summary>
    public const string DtmfRelayContentType = "application/dtmf-relay";

    /// <summary>The simpler body type some gateways send.</summary>
    public const string DtmfContentType = "application/dtmf";

    /// <summary>The duration assumed when a dtmf-relay body omits it.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Parses a body of either content type (parameters after ';' and case are ignored). Returns false,
    /// never throws, for other types and for bodies without a recognisable digit.
    /// </summary>
    public static bool TryParse(string? contentType, ReadOnlySpan<char> body, out DtmfDigit digit)
    {
        digit = default;
        ReadOnlySpan<char> mediaType = (contentType ?? string.Empty).AsSpan();
        int parameters = mediaType.IndexOf(';');
        if (parameters >= 0)
        {
            mediaType = mediaType[..parameters];
        }

        mediaType = mediaType.Trim();
        if (mediaType.Equals(DtmfRelayContentType, StringComparison.OrdinalIgnoreCase))
        {
            return TryParseRelay(body, out digit);
        }

        if (mediaType.Equals(DtmfContentType, StringComparison.OrdinalIgnoreCase) && TryParseSignal(body.Trim(), out char character))
        {
            digit = new DtmfDigit(character, DefaultDuration, DtmfTransport.SipInfo);
            return true;
        }

        return false;
    }

    private static bool TryParseRelay(ReadOnlySpan<char> body, out DtmfDigit digit)
    {
        digit = default;
        char? signal = null;
        TimeSpan duration = DefaultDuration;
        foreach (Range lineRange in body.SplitAny('\r', '\n'))
        {
            ReadOnlySpan<char> line = body[lineRange];
            int equals = line.IndexOf('=');
            if (equals < 0)
            {
                continue;
            }

            ReadOnlySpan<char> name = line[..equals].Trim();
            ReadOnlySpan<char> value = line[(equals + 1)..].Trim();
            if (name.Equals("Signal", StringComparison.OrdinalIgnoreCase))
            {
                if (!TryParseSignal(value, out char character))
                {
                    return false;
                }

                signal = character;
            }
            else if (name.Equals("Duration", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int milliseconds))
            {
                duration = TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        if (signal is null)
        {
            return false;
        }

        digit = new DtmfDigit(signal.Value, duration, DtmfTransport.SipInfo);
        return true;
    }

    // A single character (0-9, *, #, A-D) or a numeric event code such as 10 for * and 11 for #.
    private static bool TryParseSignal(ReadOnlySpan<char> value, out char digit)
    {
        digit = '\0';
        if (value.Length == 1 && value[0] != DtmfDigit.Flash && DtmfDigit.TryToEventCode(value[0], out _))
        {
            digit = char.ToUpperInvariant(value[0]);
            return true;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int eventCode)
            && DtmfDigit.TryFromEventCode(eventCode, out digit);
    }
}

namespace CallCenter.Gateway.Sip.Message;

/// <summary>Character classes of the RFC 3261 §25.1 ABNF, as lookup tables over bytes.</summary>
internal static class SipGrammar
{
    private const byte Token = 1, Unreserved = 2, UserUnreserved = 4, ParamUnreserved = 8, HeaderUnreserved = 16, Hex = 32, HostChar = 64, PasswordChar = 128;

    /// <summary>user = 1*( unreserved / escaped / user-unreserved ).</summary>
    public const byte UserClass = Unreserved | UserUnreserved;

    /// <summary>password = *( unreserved / escaped / "&amp;" / "=" / "+" / "$" / "," ).</summary>
    public const byte PasswordClass = Unreserved | PasswordChar;

    /// <summary>paramchar = param-unreserved / unreserved / escaped.</summary>
    public const byte ParamClass = Unreserved | ParamUnreserved;

    /// <summary>hname / hvalue = 1*( hnv-unreserved / unreserved / escaped ).</summary>
    public const byte HeaderClass = Unreserved | HeaderUnreserved;

    private static readonly byte[] Classes = Build();

    private static byte[] Build()
    {
        var t = new byte[256];
        void Set(string chars, byte cls)
        {
            foreach (var c in chars)
            {
                t[c] |= cls;
            }
        }

        for (var c = '0'; c <= '9'; c++) { t[c] |= Token | Unreserved | Hex | HostChar; }
        for (var c = 'a'; c <= 'z'; c++) { t[c] |= Token | Unreserved | HostChar; }
        for (var c = 'A'; c <= 'Z'; c++) { t[c] |= Token | Unreserved | HostChar; }
        Set("abcdefABCDEF", Hex);
        Set("-.!%*_+`'~", Token);
        Set("-_.!~*'()", Unreserved);
        Set("&=+$,;?/", UserUnreserved);
        Set("[]/:&+$", ParamUnreserved);
        Set("[]/?:+$", HeaderUnreserved);
        Set("-.", HostChar);
        Set("&=+$,", PasswordChar);
        return t;
    }

    /// <summary>token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
    public static bool IsToken(byte b) => (Classes[b] & Token) != 0;

    public static bool IsUnreserved(byte b) => (Classes[b] & Unreserved) != 0;

    public static bool Is(byte b, byte charClass) => (Classes[b] & charClass) != 0;

    public static bool IsHex(byte b) => (Classes[b] & Hex) != 0;

    public static bool IsHostChar(byte b) => (Classes[b] & HostChar) != 0;

    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t';

    public static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    public static bool IsAlpha(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsToken(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var b in s)
        {
            if (!IsToken(b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 §3.1).</summary>
    public static bool IsScheme(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || !IsAlpha(s[0]))
        {
            return false;
        }

        foreach (var b in s)
        {
            if (!(IsAlpha(b) || IsDigit(b) || b is (byte)'+' or (byte)'-' or (byte)'.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every byte is in <paramref name="charClass"/> or is a valid escaped = "%" HEXDIG HEXDIG.</summary>
    public static bool IsEscapedRun(ReadOnlySpan<byte> s, byte charClass)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var b = s[i];
            if (b == '%')
            {
                if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if ((Classes[b] & charClass) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses 1*DIGIT into an unsigned value no larger than <paramref name="max"/>.</summary>
    public static bool TryParseDigits(ReadOnlySpan<byte> s, ulong max, out ulong value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var b in s)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            value = (value * 10) + (ulong)(b - '0');
            if (value > max)
            {
                return false;
            }
        }

        return true;
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsWhitespace(s[start]))
        {
            start++;
        }

        while (end > start && IsWhitespace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    public static string Text(ReadOnlySpan<byte> s) => System.Text.Encoding.UTF8.GetString(s);
}

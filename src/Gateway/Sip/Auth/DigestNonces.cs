using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CallCenter.Gateway.Sip.Auth;

public enum NonceValidity
{
    Valid,

    /// <summary>Ours, intact, but older than the lifetime: challenge again with stale=true (RFC 7616 §3.3).</summary>
    Stale,

    /// <summary>Not a nonce we issued (bad format or HMAC).</summary>
    Invalid,
}

/// <summary>
/// Stateless nonces (RFC 7616 §3.3 leaves the format to the server): base64url of issue time (Unix ms, 8 bytes),
/// 8 random bytes and the first 16 bytes of HMAC-SHA256(key, time | random | realm). Any node with the key can
/// check one without remembering it; its age says when it went stale. The nc replay check
/// (<see cref="TryAcceptCount"/>) is the only state, kept per nonce until it goes stale.
/// </summary>
public sealed class DigestNonces
{
    private const int TimeBytes = 8, RandomBytes = 8, MacBytes = 16;
    private readonly byte[] _key;
    private readonly string _realm;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (uint Count, long IssuedMs)> _counts = new();
    private long _lastSweepMs;

    public DigestNonces(string realm, TimeSpan lifetime, TimeProvider? time = null, byte[]? key = null)
    {
        _realm = realm;
        Lifetime = lifetime;
        _time = time ?? TimeProvider.System;
        _key = key ?? RandomNumberGenerator.GetBytes(32);
    }

    public TimeSpan Lifetime { get; }

    public string Create()
    {
        Span<byte> nonce = stackalloc byte[TimeBytes + RandomBytes + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(nonce.Slice(TimeBytes, RandomBytes));
        Mac(nonce[..(TimeBytes + RandomBytes)], nonce[(TimeBytes + RandomBytes)..]);
        return Base64UrlEncode(nonce);
    }

    public NonceValidity Check(string nonce) => Check(nonce, out _);

    /// <summary>
    /// The nonce-count check (RFC 7616 §3.4: "the server can detect replays"): a count must be higher than any seen
    /// before with this nonce. False for a replay.
    /// </summary>
    public bool TryAcceptCount(string nonce, uint count)
    {
        if (Check(nonce, out var issuedMs) != NonceValidity.Valid)
        {
            return false;
        }

        SweepOld();
        while (true)
        {
            if (_counts.TryGetValue(nonce, out var seen))
            {
                if (count <= seen.Count)
                {
                    return false;
                }

                if (_counts.TryUpdate(nonce, (count, issuedMs), seen))
                {
                    return true;
                }
            }
            else if (_counts.TryAdd(nonce, (count, issuedMs)))
            {
                return true;
            }
        }
    }

    private NonceValidity Check(string nonce, out long issuedMs)
    {
        issuedMs = 0;
        Span<byte> bytes = stackalloc byte[TimeBytes + RandomBytes + MacBytes];
        if (!TryBase64UrlDecode(nonce, bytes))
        {
            return NonceValidity.Invalid;
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(bytes[..(TimeBytes + RandomBytes)], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[(TimeBytes + RandomBytes)..]))
        {
            return NonceValidity.Invalid;
        }

        issuedMs = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var age = _time.GetUtcNow().ToUnixTimeMilliseconds() - issuedMs;
        return age >= 0 && age <= (long)Lifetime.TotalMilliseconds ? NonceValidity.Valid : NonceValidity.Stale;
    }

    private void Mac(ReadOnlySpan<byte> data, Span<byte> into)
    {
        var realm = System.Text.Encoding.UTF8.GetBytes(_realm);
        var input = new byte[data.Length + realm.Length];
        data.CopyTo(input);
        realm.CopyTo(input.AsSpan(data.Length));
        HMACSHA256.HashData(_key, input).AsSpan(0, MacBytes).CopyTo(into);
    }

    /// <summary>Forgets counts of nonces that went stale (they can no longer be used), at most once per lifetime/4.</summary>
    private void SweepOld()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var lifetimeMs = (long)Lifetime.TotalMilliseconds;
        if (now - Interlocked.Read(ref _lastSweepMs) < lifetimeMs / 4)
        {
            return;
        }

        Interlocked.Exchange(ref _lastSweepMs, now);
        foreach (var (nonce, seen) in _counts)
        {
            if (now - seen.IssuedMs > lifetimeMs)
            {
                _counts.TryRemove(nonce, out _);
            }
        }
    }

    private static string Base64UrlEncode(ReadOnlySpan<byte> data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryBase64UrlDecode(string text, Span<byte> into)
    {
        if (text.Length > 64)
        {
            return false;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.TryFromBase64String(padded, into, out var written) && written == into.Length;
    }
}

using System.Buffers.Binary;
using CallCenter.Actors.Definition;
using Microsoft.AspNetCore.Identity;

namespace CallCenter.Node.Auth;

/// <summary>
/// Agents' web sign-in passwords, kept in the definition only as ASP.NET Core Identity hashes (format v3:
/// PBKDF2 with a random salt, 100,000 iterations of HMAC-SHA512 by default).
/// </summary>
public static class PasswordHashes
{
    private const byte FormatV3 = 0x01;
    private const int V3HeaderBytes = 13;
    private const int MinSaltBytes = 16;
    private const int MinSubkeyBytes = 16;

    private static readonly PasswordHasher<AgentDefinition> Hasher = new();

    /// <summary>Checked against when the agent is unknown, so that a wrong id costs as long as a wrong password.</summary>
    private static readonly string DecoyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>True only when <paramref name="agent"/> has a hash and <paramref name="password"/> matches it.</summary>
    public static bool Verify(AgentDefinition? agent, string password)
    {
        if (agent?.PasswordHash is not { } hash)
        {
            Hasher.VerifyHashedPassword(null!, DecoyHash, password);
            return false;
        }
        return Hasher.VerifyHashedPassword(agent, hash, password) != PasswordVerificationResult.Failed;
    }

    /// <summary>
    /// The v3 layout: format byte 0x01, then big-endian PRF (0-2), iteration count, salt length, the salt
    /// and the derived key. Anything else (a plain password, a truncated paste) is refused.
    /// </summary>
    public static bool IsWellFormed(string hash)
    {
        var bytes = new byte[hash.Length];
        if (!Convert.TryFromBase64String(hash, bytes, out var length) || length < V3HeaderBytes || bytes[0] != FormatV3)
            return false;
        var prf = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5));
        var saltLength = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9));
        return prf <= 2 && iterations > 0 && saltLength is >= MinSaltBytes and < int.MaxValue
            && length - V3HeaderBytes - (long)saltLength >= MinSubkeyBytes;
    }
}

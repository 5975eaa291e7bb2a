using System.Security.Cryptography;

namespace CallCenter.Gateway.Sip.Message;

/// <summary>Random identifiers: tags (RFC 3261 §19.3, 32 bits of randomness at least), branches (§8.1.1.7) and Call-IDs.</summary>
public static class SipIds
{
    public static string NewTag() => Random(8);

    /// <summary>A branch that starts with the magic cookie, unique in space and time (§8.1.1.7).</summary>
    public static string NewBranch() => SipVia.MagicCookie + Random(16);

    public static string NewCallId(string host) => $"{Random(20)}@{host}";

    private static string Random(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}

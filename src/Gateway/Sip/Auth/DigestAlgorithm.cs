using System.Security.Cryptography;
using System.Text;

namespace CallCenter.Gateway.Sip.Auth;

/// <summary>The digest hash functions we offer and accept (RFC 7616 §3.3, RFC 8760 §2.2 for SIP). The -sess variants are not offered.</summary>
public enum DigestAlgorithm
{
    Md5,
    Sha256,
}

/// <summary>The digest computation of RFC 7616 §3.4.1-§3.4.3 with qop=auth (also used by SIP, RFC 8760 §2.4).</summary>
public static class Digest
{
    public static string Name(DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.Sha256 ? "SHA-256" : "MD5";

    /// <summary>The algorithm named by a challenge or credentials; absent means MD5 (RFC 7616 §3.3).</summary>
    public static DigestAlgorithm? Parse(string? name) => name switch
    {
        null => DigestAlgorithm.Md5,
        _ when name.Equals("MD5", StringComparison.OrdinalIgnoreCase) => DigestAlgorithm.Md5,
        _ when name.Equals("SHA-256", StringComparison.OrdinalIgnoreCase) => DigestAlgorithm.Sha256,
        _ => null,
    };

    /// <summary>H(data) as lower-case hex.</summary>
    public static string Hash(DigestAlgorithm algorithm, string data)
    {
        var bytes = Encoding.UTF8.GetBytes(data);
        return Convert.ToHexStringLower(algorithm == DigestAlgorithm.Sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes));
    }

    /// <summary>A1 = username:realm:password (§3.4.2).</summary>
    public static string Ha1(DigestAlgorithm algorithm, string username, string realm, string password) =>
        Hash(algorithm, $"{username}:{realm}:{password}");

    /// <summary>A2 = Method:request-uri for qop=auth (§3.4.3).</summary>
    public static string Ha2(DigestAlgorithm algorithm, string method, string uri) => Hash(algorithm, $"{method}:{uri}");

    /// <summary>response = KD(H(A1), nonce:nc:cnonce:qop:H(A2)) (§3.4.1); without qop the RFC 2069 form KD(H(A1), nonce:H(A2)).</summary>
    public static string Response(DigestAlgorithm algorithm, string ha1, string nonce, string? nc, string? cnonce, string? qop, string ha2) =>
        qop is null
            ? Hash(algorithm, $"{ha1}:{nonce}:{ha2}")
            : Hash(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");

    /// <summary>Compares two hex digests in constant time (lower-casing first, as hex may come in either case).</summary>
    public static bool FixedTimeEquals(string expected, string actual)
    {
        var a = Encoding.ASCII.GetBytes(expected.ToLowerInvariant());
        var b = Encoding.ASCII.GetBytes(actual.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>An auth-param value without its quotes and escapes (RFC 3261 §25.1 quoted-string).</summary>
    public static string? Unquote(string? value)
    {
        if (value is null || value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 1; i < value.Length - 1; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length - 1)
            {
                i++;
            }

            sb.Append(value[i]);
        }

        return sb.ToString();
    }

    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}

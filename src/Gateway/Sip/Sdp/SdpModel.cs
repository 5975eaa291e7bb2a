using System.Globalization;
using System.Net;

namespace CallCenter.Gateway.Sip.Sdp;

/// <summary>o= (RFC 4566 §5.2): the session's originator and version, bumped on every new offer (RFC 3264 §5).</summary>
public sealed record SdpOrigin(string Username, string SessionId, ulong SessionVersion, string NetType, string AddressType, string Address)
{
    public override string ToString() => $"{Username} {SessionId} {SessionVersion.ToString(CultureInfo.InvariantCulture)} {NetType} {AddressType} {Address}";
}

/// <summary>c= (RFC 4566 §5.7): IN IP4 or IN IP6 with an address (IPv6 without brackets, RFC 5118 §4.6).</summary>
public sealed record SdpConnection(string NetType, string AddressType, string Address)
{
    /// <summary>The unicast address, or null for a name or a multicast address with a TTL/count suffix.</summary>
    public IPAddress? IpAddress => IPAddress.TryParse(Address, out var ip) ? ip : null;

    public static SdpConnection For(IPAddress address) =>
        new("IN", address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4", address.ToString());

    public override string ToString() => $"{NetType} {AddressType} {Address}";
}

/// <summary>t= (RFC 4566 §5.9): NTP start and stop times; 0 0 is an unbounded session.</summary>
public sealed record SdpTiming(ulong Start, ulong Stop)
{
    public override string ToString() => $"{Start.ToString(CultureInfo.InvariantCulture)} {Stop.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>a= (RFC 4566 §5.13): a property (no value) or name:value; unknown ones are kept.</summary>
public sealed record SdpAttribute(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}

/// <summary>Any other line (i, u, e, p, b, r, z, k), kept verbatim so a session round-trips.</summary>
public sealed record SdpLine(char Type, string Value)
{
    public override string ToString() => $"{Type}={Value}";
}

/// <summary>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;parameters&gt;] (RFC 4566 §6).</summary>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, string? EncodingParameters)
{
    public static SdpRtpMap? Parse(string value)
    {
        var sp = value.IndexOf(' ');
        if (sp <= 0 || !int.TryParse(value.AsSpan(0, sp), NumberStyles.None, CultureInfo.InvariantCulture, out var pt))
        {
            return null;
        }

        var parts = value[(sp + 1)..].Trim().Split('/');
        return parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rate)
            ? new SdpRtpMap(pt, parts[0], rate, parts.Length > 2 ? parts[2] : null)
            : null;
    }

    public override string ToString() =>
        $"{PayloadType} {EncodingName}/{ClockRate}" + (EncodingParameters is null ? string.Empty : "/" + EncodingParameters);
}

/// <summary>Media direction attributes (RFC 4566 §6, RFC 3264 §5.1); sendrecv when none is given.</summary>
public enum SdpDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

internal static class SdpDirections
{
    public static SdpDirection? FromAttributes(IEnumerable<SdpAttribute> attributes)
    {
        foreach (var a in attributes)
        {
            switch (a.Name)
            {
                case "sendrecv": return SdpDirection.SendRecv;
                case "sendonly": return SdpDirection.SendOnly;
                case "recvonly": return SdpDirection.RecvOnly;
                case "inactive": return SdpDirection.Inactive;
            }
        }

        return null;
    }

    public static string Name(SdpDirection d) => d.ToString().ToLowerInvariant();

    public static bool IsDirection(string name) => name is "sendrecv" or "sendonly" or "recvonly" or "inactive";
}

using System.Globalization;
using System.Text;

namespace CallCenter.Gateway.Sip.Sdp;

/// <summary>m= (RFC 4566 §5.14) with its own c=, other lines and attributes.</summary>
public sealed record SdpMedia(
    string Media,
    int Port,
    int? PortCount,
    string Protocol,
    IReadOnlyList<string> Formats,
    SdpConnection? Connection,
    IReadOnlyList<SdpLine> Lines,
    IReadOnlyList<SdpAttribute> Attributes)
{
    public IEnumerable<SdpRtpMap> RtpMaps => Attributes.Where(a => a.Name == "rtpmap" && a.Value is not null).Select(a => SdpRtpMap.Parse(a.Value!)).OfType<SdpRtpMap>();

    /// <summary>The a=fmtp parameters of a payload type (RFC 4566 §6), e.g. "0-15" for telephone-event.</summary>
    public string? Fmtp(int payloadType)
    {
        var prefix = payloadType.ToString(CultureInfo.InvariantCulture) + " ";
        return Attributes.FirstOrDefault(a => a.Name == "fmtp" && a.Value is not null && a.Value.StartsWith(prefix, StringComparison.Ordinal))?.Value![prefix.Length..];
    }

    public int? Ptime => Attributes.FirstOrDefault(a => a.Name == "ptime") is { Value: { } v } && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;

    /// <summary>The direction of this stream, falling back to the session's (RFC 4566 §6), then sendrecv.</summary>
    public SdpDirection DirectionOr(SdpDirection session) => SdpDirections.FromAttributes(Attributes) ?? session;

    /// <summary>A copy with its direction attribute replaced (RFC 3264 §6 answers mirror the offer's).</summary>
    public SdpMedia WithDirection(SdpDirection direction) =>
        this with { Attributes = [.. Attributes.Where(a => !SdpDirections.IsDirection(a.Name)), new SdpAttribute(SdpDirections.Name(direction), null)] };

    internal void AppendTo(StringBuilder sb)
    {
        sb.Append("m=").Append(Media).Append(' ').Append(Port.ToString(CultureInfo.InvariantCulture));
        if (PortCount is { } count)
        {
            sb.Append('/').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append(' ').Append(Protocol);
        foreach (var f in Formats)
        {
            sb.Append(' ').Append(f);
        }

        sb.Append("\r\n");
        SdpSession.AppendLines(sb, Lines, "i");
        if (Connection is not null)
        {
            sb.Append("c=").Append(Connection).Append("\r\n");
        }

        SdpSession.AppendLines(sb, Lines, "bk");
        foreach (var a in Attributes)
        {
            sb.Append("a=").Append(a).Append("\r\n");
        }
    }
}

/// <summary>A session description (RFC 4566 §5), written back in the order the RFC requires.</summary>
public sealed record SdpSession(
    int Version,
    SdpOrigin Origin,
    string SessionName,
    SdpConnection? Connection,
    IReadOnlyList<SdpTiming> Timings,
    IReadOnlyList<SdpLine> Lines,
    IReadOnlyList<SdpAttribute> Attributes,
    IReadOnlyList<SdpMedia> Media)
{
    public SdpDirection Direction => SdpDirections.FromAttributes(Attributes) ?? SdpDirection.SendRecv;

    public static SdpParseResult Parse(ReadOnlySpan<byte> body) => SdpParser.Parse(body);

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    public override string ToString()
    {
        var sb = new StringBuilder(256);
        sb.Append("v=").Append(Version.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        sb.Append("o=").Append(Origin).Append("\r\n");
        sb.Append("s=").Append(SessionName).Append("\r\n");
        AppendLines(sb, Lines, "iuep");
        if (Connection is not null)
        {
            sb.Append("c=").Append(Connection).Append("\r\n");
        }

        AppendLines(sb, Lines, "b");
        foreach (var t in Timings)
        {
            sb.Append("t=").Append(t).Append("\r\n");
        }

        AppendLines(sb, Lines, "rzk");
        foreach (var a in Attributes)
        {
            sb.Append("a=").Append(a).Append("\r\n");
        }

        foreach (var m in Media)
        {
            m.AppendTo(sb);
        }

        return sb.ToString();
    }

    internal static void AppendLines(StringBuilder sb, IReadOnlyList<SdpLine> lines, string types)
    {
        foreach (var type in types)
        {
            foreach (var line in lines)
            {
                if (line.Type == type)
                {
                    sb.Append(line).Append("\r\n");
                }
            }
        }
    }
}

using System.Globalization;
using System.Net;
using CallCenter.Gateway.Sip.Sdp;

namespace CallCenter.Gateway.Calls;

/// <summary>
/// The SDP a B2BUA anchoring media sends on one leg, made from what the other leg sent (RFC 3264): the same audio
/// stream, direction and packetisation, restricted to what the gateway relays (G.711 µ-law and A-law, RFC 4733
/// telephone-event), with the gateway's own address and port for that leg.
/// </summary>
public static class SdpRewriter
{
    public const string TelephoneEvent = "telephone-event";

    /// <summary>
    /// The other leg's description rewritten for this leg, or null when it has no audio the gateway relays
    /// (then the offer is refused with 488).
    /// </summary>
    public static SdpSession? Rewrite(SdpSession source, IPAddress address, int port, string sessionId, ulong version)
    {
        var audio = source.Media.FirstOrDefault(m => m.Media == "audio");
        if (audio is null)
            return null;
        var formats = audio.Formats.Where(f => Relayed(audio, f)).ToList();
        if (!formats.Any(IsG711))
            return null;
        var attributes = audio.Attributes
            .Where(a => a.Name == "ptime" || (a.Name is "rtpmap" or "fmtp" && formats.Contains(PayloadOf(a.Value))))
            .ToList();
        var media = new SdpMedia("audio", audio.Port == 0 ? 0 : port, null, audio.Protocol, formats, null, [], attributes)
            .WithDirection(audio.DirectionOr(source.Direction));
        var ip4 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        return new SdpSession(0, new SdpOrigin("callcenter", sessionId, version, "IN", ip4 ? "IP4" : "IP6", address.ToString()),
            "callcenter", SdpConnection.For(address), [new SdpTiming(0, 0)], [], [], [media]);
    }

    /// <summary>Where a leg wants its RTP: the audio stream's connection (or the session's) and port; null when on hold with 0.0.0.0 or no audio.</summary>
    public static IPEndPoint? RtpTarget(SdpSession session)
    {
        var audio = session.Media.FirstOrDefault(m => m.Media == "audio");
        if (audio is null || audio.Port == 0)
            return null;
        var ip = (audio.Connection ?? session.Connection)?.IpAddress;
        return ip is null || ip.Equals(IPAddress.Any) ? null : new IPEndPoint(ip, audio.Port);
    }

    /// <summary>The audio direction a description asks for.</summary>
    public static SdpDirection Direction(SdpSession session) =>
        session.Media.FirstOrDefault(m => m.Media == "audio")?.DirectionOr(session.Direction) ?? session.Direction;

    private static bool IsG711(string format) => format is "0" or "8";

    private static bool Relayed(SdpMedia audio, string format) =>
        IsG711(format) || audio.RtpMaps.Any(r => r.PayloadType.ToString(CultureInfo.InvariantCulture) == format
            && r.EncodingName.Equals(TelephoneEvent, StringComparison.OrdinalIgnoreCase) && r.ClockRate == 8000);

    private static string PayloadOf(string? value) => value is null ? "" : value.Split(' ', 2)[0];
}

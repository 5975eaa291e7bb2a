using System.Globalization;
using System.Net;
using CallCenter.Gateway.Media.Codecs;
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

    /// <summary>
    /// The caller's offer cut down to what the gateway agrees to when it answers for itself (prompts, music on hold):
    /// ONE G.711 codec, the first of PCMU/PCMA in the offer's order, plus telephone-event if offered (RFC 3264 §6.1:
    /// an answer lists formats from the offer). Null when the offer has no G.711. Kept as the caller's session, so
    /// that an agent rung later is offered exactly this.
    /// </summary>
    public static SdpSession? Agree(SdpSession offer)
    {
        var audio = offer.Media.FirstOrDefault(m => m.Media == "audio");
        if (audio is null || audio.Formats.FirstOrDefault(IsG711) is not { } codec)
            return null;
        var telephoneEvent = audio.Formats.FirstOrDefault(f => !IsG711(f) && Relayed(audio, f));
        return Restrict(offer, telephoneEvent is null ? [codec] : [codec, telephoneEvent]);
    }

    /// <summary>A description with its audio stream restricted to <paramref name="formats"/>; null when no G.711 remains.</summary>
    public static SdpSession? Restrict(SdpSession session, IReadOnlyCollection<string> formats)
    {
        var audio = session.Media.FirstOrDefault(m => m.Media == "audio");
        if (audio is null)
            return null;
        var kept = audio.Formats.Where(formats.Contains).ToList();
        if (!kept.Any(IsG711))
            return null;
        var attributes = audio.Attributes.Where(a => a.Name is not ("rtpmap" or "fmtp") || kept.Contains(PayloadOf(a.Value))).ToList();
        var restricted = audio with { Formats = kept, Attributes = attributes };
        return session with { Media = [.. session.Media.Select(m => ReferenceEquals(m, audio) ? restricted : m)] };
    }

    /// <summary>
    /// The gateway's own answer to the caller's offer (<see cref="Agree"/>), with its address and port and the direction
    /// that mirrors the offer's (RFC 3264 §6.1: sendonly is answered recvonly). Null when the offer has no G.711.
    /// </summary>
    public static SdpSession? Answer(SdpSession offer, IPAddress address, int port, string sessionId, ulong version)
    {
        if (Agree(offer) is not { } agreed || Rewrite(agreed, address, port, sessionId, version) is not { } answer)
            return null;
        var mirrored = Direction(offer) switch
        {
            SdpDirection.SendOnly => SdpDirection.RecvOnly,
            SdpDirection.RecvOnly => SdpDirection.SendOnly,
            var same => same,
        };
        return answer with { Media = [answer.Media[0].WithDirection(mirrored)] };
    }

    /// <summary>The law of the first G.711 codec of a description's audio: what the gateway sends there.</summary>
    public static G711Law? Law(SdpSession session) =>
        session.Media.FirstOrDefault(m => m.Media == "audio")?.Formats.FirstOrDefault(IsG711) switch
        {
            "0" => G711Law.MuLaw,
            "8" => G711Law.ALaw,
            _ => null,
        };

    /// <summary>
    /// The payload type a description gives RFC 4733 telephone-event/8000 (its a=rtpmap); the common 101 when it names
    /// none (key presses may then come as SIP INFO only, but a phone that sends them anyway is understood).
    /// </summary>
    public static byte TelephoneEventPayloadType(SdpSession session) =>
        session.Media.FirstOrDefault(m => m.Media == "audio") is { } audio
        && audio.RtpMaps.FirstOrDefault(r => r.EncodingName.Equals(TelephoneEvent, StringComparison.OrdinalIgnoreCase) && r.ClockRate == 8000
            && audio.Formats.Contains(r.PayloadType.ToString(CultureInfo.InvariantCulture))) is { PayloadType: >= 0 and <= 127 } map
            ? (byte)map.PayloadType
            : Media.Dtmf.TelephoneEvent.DefaultPayloadType;

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

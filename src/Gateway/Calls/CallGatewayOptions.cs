using System.Net;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Entities;
using CallCenter.Gateway.Media.Transport;
using CallCenter.Gateway.Sip.UserAgent;

namespace CallCenter.Gateway.Calls;

/// <summary>How the gateway's calls behave; the node fills it from <c>CallCenter:Sip</c> and <c>CallCenter:Rtp</c>.</summary>
public sealed record CallGatewayOptions
{
    /// <summary>Address the RTP sockets bind to and that the SDP announces.</summary>
    public IPAddress RtpAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// A talking call with no RTP in either direction for this long is probed with OPTIONS on both legs; a leg
    /// that answers 408/481 (or not at all) is gone, and the call is ended on both sides.
    /// </summary>
    public TimeSpan ProbeAfterSilence { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the gateway waits for an entity's answer before asking again (hang-ups) or giving up (new calls).</summary>
    public TimeSpan EntityTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a hang-up is told to the call's entity before the gateway gives up on it.</summary>
    public int HangUpAttempts { get; init; } = 12;
}

/// <summary>What the gateway's actors share: the SIP user agent, the RTP ports, the entities and the definition in force.</summary>
public sealed record CallGatewayContext(
    SipUserAgent Sip,
    RtpPortAllocator Ports,
    EntityRouter Entities,
    Func<ContactCenterDefinition> Definition,
    CallGatewayOptions Options);

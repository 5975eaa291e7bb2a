using System.Net;
using CallCenter.Gateway.Media.Transport;

namespace CallCenter.Gateway.Tests.Media.Transport;

/// <summary>The gateway's side of one call leg on loopback, as the B2BUA opens it for a phone.</summary>
internal static class GatewayLeg
{
    /// <summary>A started endpoint from <paramref name="ports"/> sending to <paramref name="phone"/> (its SDP address; symmetric RTP confirms it).</summary>
    public static RtpEndpoint OpenFor(RtpPortAllocator ports, IPEndPoint phone)
    {
        var leg = RtpEndpoint.Open(ports, IPAddress.Loopback);
        leg.SetRemote(phone);
        leg.Start();
        return leg;
    }
}

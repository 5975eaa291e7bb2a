using System.Net;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transaction;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Sip.Dialog;

/// <summary>
/// Turns a next-hop URI into a target (RFC 3263 §4 reduced to what a gateway on fixed addresses needs): an IP literal
/// host, its port or 5060, and transport=tcp for TCP. Host names are not resolved: null.
/// </summary>
public static class SipNextHop
{
    public static SipTarget? Resolve(UriReference uri)
    {
        if (uri is not SipUri sip || !IPAddress.TryParse(sip.Maddr ?? sip.HostAddress, out var address))
        {
            return null;
        }

        var kind = string.Equals(sip.Transport, "tcp", StringComparison.OrdinalIgnoreCase) ? SipTransportKind.Tcp : SipTransportKind.Udp;
        return new SipTarget(new IPEndPoint(address, sip.Port ?? ResponseRouting.DefaultPort), kind);
    }
}

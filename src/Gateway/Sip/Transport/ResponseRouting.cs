using System.Net;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Transport;

/// <summary>Via handling at the transport: stamping received requests (RFC 3261 §18.2.1, RFC 3581 §4) and where responses go (§18.2.2, RFC 3581 §4).</summary>
public static class ResponseRouting
{
    /// <summary>The default port of SIP over UDP and TCP (RFC 3261 §18.1.1, §19.1.2).</summary>
    public const int DefaultPort = 5060;

    /// <summary>
    /// Adds received when the sent-by host is not the packet's source address, and fills an empty rport with the
    /// source port (received is then always added, RFC 3581 §4).
    /// </summary>
    public static SipVia Stamp(SipVia via, IPEndPoint source)
    {
        var address = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        var stamped = via;
        var sameHost = IPAddress.TryParse(via.HostAddress, out var sentBy) && sentBy.Equals(address);
        if (via.HasRport && via.Parameters["rport"] is null)
        {
            stamped = stamped.WithParameter("rport", source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sameHost = false;
        }

        return sameHost ? stamped : stamped.WithParameter("received", address.ToString());
    }

    /// <summary>The request with its top Via stamped; the request itself when nothing changes.</summary>
    public static SipRequest Stamp(SipRequest request, IPEndPoint source)
    {
        if (request.TopVia is not { } top || Stamp(top, source) is var stamped && ReferenceEquals(stamped, top))
        {
            return request;
        }

        var headers = new List<SipHeader>(request.Headers.Count + 1);
        var done = false;
        foreach (var h in request.Headers)
        {
            if (done || h.Name != HeaderNames.Via)
            {
                headers.Add(h);
                continue;
            }

            // The top Via may share its line with others: it gets a line of its own, the rest keep theirs.
            var line = SipVia.ParseList(h.Value.Span) ?? [];
            headers.Add(SipHeader.Create(HeaderNames.Via, stamped.ToString()));
            if (line.Count > 1)
            {
                headers.Add(SipHeader.Create(HeaderNames.Via, string.Join(", ", line.Skip(1))));
            }

            done = true;
        }

        return request.WithHeaders(new SipHeaderList(headers));
    }

    /// <summary>
    /// Where an unreliable transport sends a response (§18.2.2): maddr is not used (no multicast here); otherwise the
    /// received address (or sent-by host when it is an address) at rport, else the sent-by port, else 5060.
    /// </summary>
    public static IPEndPoint? Destination(SipVia topVia, IPEndPoint source)
    {
        var host = topVia.Received is { } received ? received.Trim('[', ']') : topVia.HostAddress;
        if (!IPAddress.TryParse(host, out var address))
        {
            return null;
        }

        var port = topVia.Rport ?? topVia.Port ?? DefaultPort;
        return new IPEndPoint(source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? address.MapToIPv6()
            : address, port);
    }
}

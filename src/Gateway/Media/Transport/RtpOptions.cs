using System.Net;

namespace CallCenter.Gateway.Media.Transport;

/// <summary>Where RTP listens, bound from configuration (<c>CallCenter:Rtp</c>); the defaults are DESIGN.md's.</summary>
public sealed class RtpOptions
{
    /// <summary>The address RTP sockets bind to; loopback unless configured.</summary>
    public string BindAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>The first port of the range; RTP takes the even ports, RTCP the odd one above each.</summary>
    public int FirstPort { get; set; } = RtpPortAllocator.DefaultFirstPort;

    /// <summary>The last port of the range (inclusive).</summary>
    public int LastPort { get; set; } = RtpPortAllocator.DefaultLastPort;

    /// <summary>Send to where a leg's packets come from rather than to its SDP address (for phones behind NAT).</summary>
    public bool SymmetricRtp { get; set; } = true;
}

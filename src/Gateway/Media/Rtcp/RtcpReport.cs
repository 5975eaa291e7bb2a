namespace CallCenter.Gateway.Media.Rtcp;

/// <summary>A parsed sender report (SR) or receiver report (RR) (RFC 3550 §6.4).</summary>
/// <param name="Ssrc">The reporter's own SSRC.</param>
/// <param name="SenderInfo">Present in an SR, absent in an RR.</param>
/// <param name="Blocks">One reception report per source the reporter hears.</param>
public sealed record RtcpReport(uint Ssrc, RtcpSenderInfo? SenderInfo, IReadOnlyList<RtcpReportBlock> Blocks)
{
    /// <summary>True for an SR.</summary>
    public bool IsSenderReport => SenderInfo is not null;
}

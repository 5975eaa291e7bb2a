using System.Globalization;
using System.Text;
using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Rtcp;

namespace CallCenter.Gateway.Calls;

/// <summary>
/// What the phones said in RTCP about the audio they received through the gateway (RFC 3550 §6.4.1 report blocks),
/// as the tail of the call's media log line: "; caller reports 0.4% lost (3 packets), jitter 2 ms; agent reports ...".
/// </summary>
public static class MediaQuality
{
    /// <summary>
    /// The tail for the last report block each phone sent; a phone that sent none is left out, so a call whose
    /// phones send no RTCP keeps the line it always had.
    /// </summary>
    public static string Describe(RtcpReportBlock? caller, RtcpReportBlock? agent)
    {
        var line = new StringBuilder();
        Append(line, "caller", caller);
        Append(line, "agent", agent);
        return line.ToString();
    }

    private static void Append(StringBuilder line, string party, RtcpReportBlock? report)
    {
        if (report is not { } block)
            return;
        // Jitter is in timestamp units; every stream here is G.711 at 8 kHz.
        var jitterMs = (int)Math.Round(block.Jitter * 1000.0 / G711.ClockRate);
        line.Append(CultureInfo.InvariantCulture,
            $"; {party} reports {block.LossRatio * 100:0.0}% lost ({block.CumulativeLost} packets), jitter {jitterMs} ms");
    }
}

using System.Text.RegularExpressions;
using CallCenter.Gateway.Calls;
using CallCenter.Gateway.Media.Rtcp;

namespace CallCenter.Gateway.Tests.Calls;

public sealed class MediaQualitySpecs
{
    // 8/256 of the last interval lost, 40 packets in all, jitter of 24 samples at 8 kHz.
    private static readonly RtcpReportBlock Lossy = new(0xA6E47, 8, 40, 5000, 24, 0, 0);
    private static readonly RtcpReportBlock Clean = new(0xCA11, 0, 0, 5000, 8, 0, 0);

    [Fact]
    public void MediaQuality_should_tell_what_each_phone_reported_in_percent_and_milliseconds()
    {
        Assert.Equal("; caller reports 3.1% lost (40 packets), jitter 3 ms; agent reports 0.0% lost (0 packets), jitter 1 ms",
            MediaQuality.Describe(Lossy, Clean));
    }

    [Fact]
    public void MediaQuality_should_leave_out_a_phone_that_sent_no_report()
    {
        Assert.Equal("; agent reports 0.0% lost (0 packets), jitter 1 ms", MediaQuality.Describe(null, Clean));
        Assert.Equal("", MediaQuality.Describe(null, null));
    }

    [Fact]
    public void Media_line_should_still_match_what_tests_and_bench_scripts_parse()
    {
        var line = $"Call call-1 media: caller->agent 1500 packets, agent->caller 1498 packets (hung up){MediaQuality.Describe(Lossy, Clean)}";

        var match = Regex.Match(line, @"Call (?<call>\S+) media: caller->agent (?<in>\d+) packets, agent->caller (?<out>\d+) packets");

        Assert.True(match.Success);
        Assert.Equal(("call-1", "1500", "1498"), (match.Groups["call"].Value, match.Groups["in"].Value, match.Groups["out"].Value));
    }
}

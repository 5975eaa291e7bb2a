using CallCenter.Gateway.Media.Rtp;

namespace CallCenter.Gateway.Tests.Media.Rtp;

public sealed class RtpReceptionStatisticsSpecs
{
    private const uint Step = 160;

    private static RtpReceptionStatistics Receive(IEnumerable<int> sequenceNumbers)
    {
        var statistics = new RtpReceptionStatistics();
        foreach (int seq in sequenceNumbers)
        {
            // Perfectly paced: arrival tracks the timestamp, so jitter stays zero.
            uint timestamp = (uint)seq * Step;
            statistics.Update((ushort)seq, timestamp, timestamp + 5000);
        }

        return statistics;
    }

    [Fact]
    public void Statistics_should_validate_a_source_after_two_sequential_packets()
    {
        var statistics = new RtpReceptionStatistics();
        Assert.False(statistics.Update(100, 0, 0));
        Assert.False(statistics.IsValidated);
        Assert.True(statistics.Update(101, 160, 160));
        Assert.True(statistics.IsValidated);
    }

    [Fact]
    public void Statistics_should_report_no_loss_for_an_in_order_stream()
    {
        RtpReceptionStatistics statistics = Receive(Enumerable.Range(1000, 50));
        Assert.Equal(0, statistics.CumulativeLost);
        Assert.Equal(1049u, statistics.ExtendedHighestSequence);
        Assert.Equal(0u, statistics.Jitter);
    }

    [Fact]
    public void Statistics_should_extend_sequence_numbers_across_wrap_around()
    {
        RtpReceptionStatistics statistics = Receive(Enumerable.Range(65530, 20).Select(s => s & 0xFFFF));
        Assert.Equal(65536u + 13, statistics.ExtendedHighestSequence);
        Assert.Equal(0, statistics.CumulativeLost);
        Assert.Equal(19u, statistics.PacketsExpected);
    }

    [Fact]
    public void Statistics_should_count_lost_packets_and_the_fraction_lost_per_interval()
    {
        // 10..29 with 15, 16, 20 and 25 missing: 20 expected after validation at 11, 4 lost.
        RtpReceptionStatistics statistics = Receive(Enumerable.Range(10, 20).Where(s => s is not (15 or 16 or 20 or 25)));
        Assert.Equal(4, statistics.CumulativeLost);

        var block = statistics.CreateReportBlock(ssrc: 7);
        Assert.Equal(4, block.CumulativeLost);
        Assert.Equal(4 * 256 / 19, block.FractionLost);
        Assert.Equal(29u, block.ExtendedHighestSequence);

        foreach (int seq in Enumerable.Range(30, 10))
        {
            statistics.Update((ushort)seq, (uint)seq * Step, ((uint)seq * Step) + 5000);
        }

        block = statistics.CreateReportBlock(ssrc: 7);
        Assert.Equal(0, block.FractionLost);
        Assert.Equal(4, block.CumulativeLost);
    }

    [Fact]
    public void Statistics_should_not_count_a_late_packet_as_lost()
    {
        RtpReceptionStatistics statistics = Receive([1, 2, 3, 5, 6, 4, 7]);
        Assert.Equal(0, statistics.CumulativeLost);
        Assert.Equal(7u, statistics.ExtendedHighestSequence);
    }

    [Fact]
    public void Statistics_should_restart_when_a_big_jump_is_confirmed_by_the_next_packet()
    {
        RtpReceptionStatistics statistics = Receive([1, 2, 3, 20000]);
        Assert.Equal(3u, statistics.ExtendedHighestSequence);
        statistics.Update(20001, 0, 0);
        Assert.Equal(20001u, statistics.ExtendedHighestSequence);
        Assert.Equal(0, statistics.CumulativeLost);
    }

    [Fact]
    public void Jitter_should_follow_the_RFC_3550_estimator()
    {
        var statistics = new RtpReceptionStatistics();
        statistics.Update(1, 0, 1000);
        statistics.Update(2, 160, 1160);
        Assert.Equal(0u, statistics.Jitter);

        // One packet 160 units late: J = 0 + (160 - 0) / 16 = 10 (RFC 3550 §6.4.1).
        statistics.Update(3, 320, 1480);
        Assert.Equal(10u, statistics.Jitter);
    }

    [Fact]
    public void Jitter_should_converge_to_the_mean_transit_deviation()
    {
        var statistics = new RtpReceptionStatistics();
        for (uint i = 0; i < 500; i++)
        {
            // Every other packet arrives 80 units late: |D| is always 80.
            statistics.Update((ushort)i, i * Step, (i * Step) + (i % 2 * 80));
        }

        Assert.InRange(statistics.Jitter, 79u, 80u);
    }
}

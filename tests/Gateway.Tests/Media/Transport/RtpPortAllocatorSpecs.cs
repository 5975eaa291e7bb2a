using CallCenter.Gateway.Media.Transport;

namespace CallCenter.Gateway.Tests.Media.Transport;

public sealed class RtpPortAllocatorSpecs
{
    [Fact]
    public void Allocator_should_default_to_the_design_range()
    {
        var allocator = new RtpPortAllocator();
        Assert.Equal(20000, allocator.FirstPort);
        Assert.Equal(5000, allocator.Capacity);
    }

    [Fact]
    public void Allocator_should_hand_out_even_rtp_ports_with_rtcp_on_the_odd_port_above()
    {
        var allocator = new RtpPortAllocator(30001, 30010);

        Assert.True(allocator.TryAllocate(out RtpPortPair pair));
        Assert.Equal(30002, pair.RtpPort);
        Assert.Equal(30003, pair.RtcpPort);
        Assert.Equal(4, allocator.Capacity);
    }

    [Fact]
    public void Allocator_should_never_hand_out_a_pair_twice_while_it_is_in_use()
    {
        var allocator = new RtpPortAllocator(30000, 30099);
        var pairs = new List<RtpPortPair>();
        while (allocator.TryAllocate(out RtpPortPair pair))
        {
            pairs.Add(pair);
        }

        Assert.Equal(50, pairs.Count);
        Assert.Equal(50, pairs.Distinct().Count());
        Assert.All(pairs, p => Assert.True(p.RtpPort % 2 == 0 && p.RtcpPort <= 30099));
        Assert.Equal(50, allocator.InUse);
    }

    [Fact]
    public void Allocator_should_reuse_a_released_pair_only_after_the_others()
    {
        var allocator = new RtpPortAllocator(30000, 30005);
        allocator.TryAllocate(out RtpPortPair first);
        allocator.Release(first);

        allocator.TryAllocate(out RtpPortPair second);
        allocator.TryAllocate(out RtpPortPair third);
        allocator.TryAllocate(out RtpPortPair fourth);

        Assert.Equal([30000, 30002, 30004, 30000], new[] { first, second, third, fourth }.Select(p => p.RtpPort));
        Assert.False(allocator.TryAllocate(out _));
    }

    [Fact]
    public void Allocator_should_refuse_to_release_a_pair_it_did_not_hand_out()
    {
        var allocator = new RtpPortAllocator(30000, 30005);
        allocator.TryAllocate(out RtpPortPair pair);
        allocator.Release(pair);

        Assert.Throws<InvalidOperationException>(() => allocator.Release(pair));
        Assert.Throws<InvalidOperationException>(() => allocator.Release(new RtpPortPair(40000)));
    }

    [Fact]
    public void Allocator_should_refuse_a_range_without_a_pair()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPortAllocator(30001, 30002));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPortAllocator(80, 90));
    }
}

using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transport;
using CallCenter.Gateway.Tests.Sip.Transport;
using CallCenter.Gateway.Tests.Sip.UserAgent;

using CallCenter.Actors.Tests.Support;

namespace CallCenter.Gateway.Tests.Telemetry;

/// <summary>What SIP traffic between two whole stacks on a loopback network records.</summary>
public sealed class SipTelemetrySpecs
{
    [Fact]
    public async Task A_request_and_its_answer_should_be_counted_by_method_status_class_and_direction()
    {
        using var metrics = new RecordedMeasurements(_ => true);
        var network = new LoopbackNetwork();
        var time = new ManualTimeProvider();
        var caller = new LoopbackStack(network, "127.0.0.20", time);
        var callee = new LoopbackStack(network, "127.0.0.21", time);

        // MESSAGE: no other spec sends one through a stack, so the counts are this spec's alone.
        var response = await caller.Agent.SendAsync("MESSAGE", SipUri.Create("127.0.0.21", 5060, "agent"), callee.Target);

        var statusClass = $"{response.StatusCode / 100}xx";
        Assert.Equal(1, metrics.Sum("callcenter.sip.requests", ("method", "MESSAGE"), ("direction", "out")));
        Assert.Equal(1, metrics.Sum("callcenter.sip.requests", ("method", "MESSAGE"), ("direction", "in")));
        Assert.Equal(1, metrics.Sum("callcenter.sip.responses", ("method", "MESSAGE"), ("status_class", statusClass), ("direction", "out")));
        Assert.Equal(1, metrics.Sum("callcenter.sip.responses", ("method", "MESSAGE"), ("status_class", statusClass), ("direction", "in")));
    }

    [Fact]
    public void A_watched_stack_should_show_its_transactions_and_registrations_under_its_address()
    {
        using var metrics = new RecordedMeasurements(_ => true);
        var stack = new LoopbackStack(new LoopbackNetwork(), "127.0.0.22", new ManualTimeProvider());

        using (Gateway.Telemetry.SipTelemetry.Watch("127.0.0.22:5060", stack.Layer, () => 3))
        {
            metrics.Clear();
        metrics.Observe();
            Assert.Equal([3], metrics.Values("callcenter.sip.registrations", ("gateway", "127.0.0.22:5060")));
            Assert.Equal([0], metrics.Values("callcenter.sip.transactions", ("gateway", "127.0.0.22:5060"), ("kind", "server")));
        }

        metrics.Clear();
        metrics.Observe();
        Assert.Empty(metrics.Values("callcenter.sip.registrations", ("gateway", "127.0.0.22:5060")));
    }
}

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
    public async Task A_request_and_its_answer_should_be_counted_by_method_status_class_and_direction_under_each_gateway()
    {
        using var metrics = new RecordedMeasurements(_ => true);
        var network = new LoopbackNetwork();
        var time = new ManualTimeProvider();
        var caller = new LoopbackStack(network, "127.0.0.23", time);
        var callee = new LoopbackStack(network, "127.0.0.24", time);
        const string callerGateway = "127.0.0.23:5060", calleeGateway = "127.0.0.24:5060";

        // The gateway attribute makes these series this spec's alone, so an everyday method counts exactly.
        var response = await caller.Agent.SendAsync(SipMethods.Options, SipUri.Create("127.0.0.24", 5060, "agent"), callee.Target);

        var statusClass = $"{response.StatusCode / 100}xx";
        Assert.Equal(1, metrics.Sum("callcenter.sip.requests", ("method", "OPTIONS"), ("direction", "out"), ("gateway", callerGateway)));
        Assert.Equal(0, metrics.Sum("callcenter.sip.requests", ("method", "OPTIONS"), ("direction", "in"), ("gateway", callerGateway)));
        Assert.Equal(1, metrics.Sum("callcenter.sip.requests", ("method", "OPTIONS"), ("direction", "in"), ("gateway", calleeGateway)));
        Assert.Equal(0, metrics.Sum("callcenter.sip.requests", ("method", "OPTIONS"), ("direction", "out"), ("gateway", calleeGateway)));
        Assert.Equal(1, metrics.Sum("callcenter.sip.responses", ("method", "OPTIONS"), ("status_class", statusClass), ("direction", "out"), ("gateway", calleeGateway)));
        Assert.Equal(1, metrics.Sum("callcenter.sip.responses", ("method", "OPTIONS"), ("status_class", statusClass), ("direction", "in"), ("gateway", callerGateway)));
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

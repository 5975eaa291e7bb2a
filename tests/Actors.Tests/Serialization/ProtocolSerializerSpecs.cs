using System.Reflection;
using System.Text;
using Akka.Actor;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Queues;
using CallCenter.Actors.Serialization;
using CallCenter.Actors.Tests.Support;

namespace CallCenter.Actors.Tests.Serialization;

public sealed class ProtocolSerializerSpecs : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer-specs");
    private readonly ProtocolSerializer _serializer;

    public ProtocolSerializerSpecs() => _serializer = new ProtocolSerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Dispose();

    public static TheoryData<string> AllManifests() => new(Manifests.ByName.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(AllManifests))]
    public void ProtocolSerializer_should_round_trip_every_manifest_type_byte_for_byte(string manifest)
    {
        var type = Manifests.ByName[manifest];
        var sample = Samples.Create(type);
        Assert.Empty(Samples.DefaultFields(sample));
        Assert.Equal(manifest, _serializer.Manifest(sample));

        var bytes = _serializer.ToBinary(sample);
        var restored = _serializer.FromBinary(bytes, manifest);
        var again = _serializer.ToBinary(restored);

        Assert.IsType(type, restored);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(again));
        Assert.Empty(Samples.Differences(sample, restored, type.Name));
    }

    [Fact]
    public void Manifests_should_cover_every_protocol_message_type()
    {
        var missing = typeof(IProtocolMessage).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IProtocolMessage).IsAssignableFrom(t))
            .Where(t => !Manifests.ByType.ContainsKey(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Manifests_should_be_unique_per_type_and_per_name()
    {
        var all = (ValueTuple<Type, string>[])typeof(Manifests).GetField("All", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        Assert.Equal(all.Length, all.Select(e => e.Item1).Distinct().Count());
        Assert.Equal(all.Length, all.Select(e => e.Item2).Distinct().Count());
        Assert.Equal(all.Length, Manifests.ByName.Count);
    }

    [Theory]
    [InlineData(typeof(ReserveAgent), "agent.reserve")]
    [InlineData(typeof(AgentReserved), "agent.reserved")]
    [InlineData(typeof(AgentState), "agent.snapshot")]
    [InlineData(typeof(EnqueueCall), "queue.enqueue")]
    [InlineData(typeof(CallOfferPending), "queue.offer-pending")]
    [InlineData(typeof(QueueSnapshot), "queue.snapshot")]
    [InlineData(typeof(StartCall), "call.start")]
    [InlineData(typeof(CallEnded), "call.ended")]
    public void Manifests_should_keep_the_journal_names(Type type, string manifest) =>
        Assert.Equal(manifest, _serializer.Manifest(Samples.Create(type)));

    [Fact]
    public void ProtocolSerializer_should_write_a_command_as_the_pinned_json()
    {
        var reserve = new ReserveAgent(new AgentId("a1"), new CallId("c1"), new QueueId("sales"), 15, 10, AutoReadyAfterWrapUp: true);
        const string json = """{"agentId":"a1","callId":"c1","queueId":"sales","ringTimeoutSeconds":15,"wrapUpSeconds":10,"autoReadyAfterWrapUp":true}""";

        Assert.Equal(json, Encoding.UTF8.GetString(_serializer.ToBinary(reserve)));
        Assert.Equal(reserve, _serializer.FromBinary(Encoding.UTF8.GetBytes(json), "agent.reserve"));
    }

    [Fact]
    public void ProtocolSerializer_should_read_a_stored_event_written_in_the_pinned_format()
    {
        // As a journal holds it: kebab-case enums, ISO times with offset, nulls left out.
        const string json = """{"outcome":"abandoned","by":"caller","at":"2024-05-01T10:30:15+02:00"}""";
        var ended = new CallEnded(CallOutcome.Abandoned, CallParty.Caller, Reason: null, new DateTimeOffset(2024, 5, 1, 10, 30, 15, TimeSpan.FromHours(2)));

        Assert.Equal(ended, _serializer.FromBinary(Encoding.UTF8.GetBytes(json), "call.ended"));
        Assert.Equal(json, Encoding.UTF8.GetString(_serializer.ToBinary(ended)));
    }

    [Fact]
    public void ProtocolSerializer_should_refuse_an_unknown_manifest() =>
        Assert.ThrowsAny<System.Runtime.Serialization.SerializationException>(() => _serializer.FromBinary("{}"u8.ToArray(), "no.such-type"));
}

using System.Runtime.CompilerServices;
using Akka.Actor;

namespace CallCenter.Actors.Telemetry;

/// <summary>
/// The <c>node</c> attribute every measurement carries: the actor system's remoting address (host:port), or, when it
/// does not listen, its name and a number unique in the process. Several nodes can share one process (tests, which
/// name every system alike): the attribute keeps their series apart.
/// </summary>
public static class TelemetryNode
{
    public const string Attribute = "node";

    private static readonly ConditionalWeakTable<ActorSystem, string> Names = new();
    private static int _unlistening;

    public static string Of(ActorSystem system) => Names.GetValue(system, s =>
    {
        var address = ((ExtendedActorSystem)s).Provider.DefaultAddress;
        return address.Host is { } host && address.Port is { } port ? $"{host}:{port}" : $"{s.Name}-{Interlocked.Increment(ref _unlistening)}";
    });
}

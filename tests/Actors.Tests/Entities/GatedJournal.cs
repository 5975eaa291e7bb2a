using System.Collections.Immutable;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace CallCenter.Actors.Tests.Entities;

/// <summary>
/// An in-memory journal whose writes wait until the test opens its gate: shows what an entity lets
/// out while its events are not yet stored. Only <see cref="OutcomeOrderSpecs"/> uses it.
/// </summary>
public sealed class GatedJournal : MemoryJournal
{
    private static volatile TaskCompletionSource _gate = Opened();

    public const string PluginId = "akka.persistence.journal.gated";

    public static readonly string Hocon = $$"""
        akka.persistence.journal.plugin = "{{PluginId}}"
        {{PluginId}} {
          class = "{{typeof(GatedJournal).AssemblyQualifiedName}}"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        """;

    public static void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Open() => _gate.TrySetResult();

    protected override async Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        await _gate.Task.WaitAsync(cancellationToken);
        return await base.WriteMessagesAsync(messages, cancellationToken);
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}

using CallCenter.Actors.Definition;
using CallCenter.Node.Definition;
using CallCenter.Node.Entities;

namespace CallCenter.Node.Admin;

/// <summary>What became of an administration change.</summary>
public abstract record ChangeOutcome
{
    /// <summary>Stored and accepted by every entity; <see cref="Created"/> when the entry did not exist before.</summary>
    public sealed record Applied(ContactCenterDefinition Definition, bool Created) : ChangeOutcome;

    /// <summary>The whole definition would not hold: the reason, and the field of the change at fault if it is in the change.</summary>
    public sealed record Refused(DefinitionException Error, bool InChange) : ChangeOutcome;

    /// <summary>Nothing was changed: the node has not yet applied its start-up definition.</summary>
    public sealed record NotReady : ChangeOutcome;

    /// <summary>Stored, and in force for new requests, but not every entity accepted it in time.</summary>
    public sealed record NotYetApplied : ChangeOutcome;
}

/// <summary>
/// Makes administration changes: composes the whole new definition, checks it as the file would be checked, stores
/// the change, then applies the definition to the entities, one change at a time.
/// </summary>
public sealed class DefinitionAdministration(
    DefinitionLayers layers,
    DefinitionChangeStore store,
    DefinitionApplier applier,
    ContactCenterDirectory directory,
    TimeProvider clock,
    IHostApplicationLifetime lifetime)
{
    /// <summary>How long the entities may take to accept a changed definition before the request answers 503.</summary>
    public static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>The definition in force, for reads.</summary>
    public ContactCenterDefinition Definition => directory.Definition;

    public async Task<ChangeOutcome> ChangeAsync(DefinitionChange change, CancellationToken cancellation)
    {
        // Before the start-up definition is applied, a change could be overtaken by it.
        if (!applier.Applied)
            return new ChangeOutcome.NotReady();
        await _oneAtATime.WaitAsync(cancellation);
        try
        {
            var before = directory.Definition;
            ContactCenterDefinition definition;
            try
            {
                definition = layers.With(change);
            }
            catch (DefinitionException e)
            {
                return new ChangeOutcome.Refused(e, InChange: e.File == change.Description);
            }
            // Neither the client going away nor anything else may leave the change stored but not in force.
            await store.SaveAsync(change, clock.GetUtcNow(), CancellationToken.None);
            layers.Accept(change);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
            timeout.CancelAfter(ApplyTimeout);
            try
            {
                await applier.ApplyAsync(definition, timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or Akka.Actor.AskTimeoutException)
            {
                return new ChangeOutcome.NotYetApplied();
            }
            return new ChangeOutcome.Applied(definition, !Exists(before, change));
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Takes <paramref name="stored"/>, the changes as the store has them now, when they differ from this node's: other
    /// nodes on the same database (PostgreSQL) made them. False when there was nothing to take.
    /// </summary>
    public async Task<bool> FollowAsync(IReadOnlyList<DefinitionChange> stored, CancellationToken cancellation)
    {
        if (!applier.Applied || stored.SequenceEqual(layers.Changes))
            return false;
        await _oneAtATime.WaitAsync(cancellation);
        try
        {
            if (stored.SequenceEqual(layers.Changes))
                return false;
            var definition = layers.Take(stored);
            await applier.ApplyAsync(definition, cancellation);
            return true;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Whether the definition in force has the entry <paramref name="change"/> is about.</summary>
    public bool Has(DefinitionChange change) => Exists(directory.Definition, change);

    private static bool Exists(ContactCenterDefinition definition, DefinitionChange change) => change.Kind switch
    {
        DefinitionChangeKind.Skill => definition.Skills.Contains(change.Key),
        DefinitionChangeKind.NotReadyReason => definition.NotReadyReasons.Contains(change.Key),
        DefinitionChangeKind.Queue => definition.QueueFor(change.Key) is not null,
        _ => definition.Agents.Any(a => a.Id == change.Key),
    };
}

using CallCenter.Node.Definition;

namespace CallCenter.Node.Admin;

/// <summary>
/// Looks at the stored changes every <see cref="Interval"/> and takes those another node made (several nodes share
/// one PostgreSQL database): a gateway node then accepts the phone of an agent created through a web node's API.
/// One small query per interval; on SQLite, the only writer is this node and nothing is ever taken.
/// </summary>
public sealed class DefinitionChangeFollower(DefinitionChangeStore store, DefinitionAdministration admin, ILogger<DefinitionChangeFollower> log)
    : BackgroundService
{
    /// <summary>How soon another node's change is in force here.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Changes refused once are not reported again every interval.</summary>
    private IReadOnlyList<DefinitionChange> _refused = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var stored = await store.LoadAsync(stoppingToken);
                if (stored.SequenceEqual(_refused))
                    continue;
                try
                {
                    if (await admin.FollowAsync(stored, stoppingToken))
                        log.LogInformation("Took the administration changes another node stored in {Location}", store.Location);
                }
                catch (DefinitionException)
                {
                    _refused = stored;
                    throw;
                }
            }
            catch (DefinitionException e)
            {
                log.LogError("The administration changes another node stored are refused here (is its definition file the same?): {Reason}", e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed look must not stop the host (a background service's exception does): look again next tick.
                log.LogWarning(e, "Could not read the administration changes from {Location}", store.Location);
            }
        }
    }
}

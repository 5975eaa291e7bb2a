using Akka.Actor;
using Akka.Hosting;
using CallCenter.Actors;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Queues;

namespace CallCenter.Node.Entities;

/// <summary>
/// Applies the contact-center definition to the entities: every queue and agent is configured
/// (idempotently: an unchanged definition writes no events). Retries until every entity has
/// accepted, because right after start the shards may not be allocated yet.
/// </summary>
public sealed class DefinitionApplier(ActorRegistry registry, ActorSystem system, ContactCenterDirectory directory, ILogger<DefinitionApplier> log)
{
    /// <summary>How long one entity may take to accept its configuration before the round is retried.</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>True once the definition in force has been accepted by every entity.</summary>
    public bool Applied { get; private set; }

    public async Task ApplyAsync(ContactCenterDefinition definition, CancellationToken cancel)
    {
        var previous = directory.Definition;
        directory.Replace(definition);
        var router = CallCenterEntities.Router(registry, system);
        var commands = Commands(definition).Concat(Retired(previous, definition)).ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var replies = await Task.WhenAll(commands.Select(c => router.Ask<object>(c, AskTimeout)));
                var refused = replies.OfType<CommandRejected>().ToList();
                if (refused.Count > 0)
                    throw new InvalidOperationException(string.Join("; ", refused.Select(r => $"{r.EntityId}: {r.Reason}")));
                Applied = true;
                log.LogInformation("Contact-center definition applied: {Queues} queues, {Agents} agents",
                    definition.Queues.Count, definition.Agents.Count);
                return;
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException && !cancel.IsCancellationRequested)
            {
                log.LogWarning("Applying the definition timed out (attempt {Attempt}); retrying", attempt);
                await Task.Delay(RetryDelay, cancel);
            }
        }
    }

    /// <summary>
    /// Agents <paramref name="next"/> no longer defines keep their entity (and its history) but serve no queue, so
    /// that no queue offers them another call.
    /// </summary>
    public static IEnumerable<IProtocolMessage> Retired(ContactCenterDefinition previous, ContactCenterDefinition next) =>
        previous.Agents.Where(a => next.Agents.All(n => n.Id != a.Id))
            .Select(a => new ConfigureAgent(new AgentId(a.Id), a.Name, a.Site, a.Skills, []));

    /// <summary>One configure command per queue and per agent.</summary>
    public static IEnumerable<IProtocolMessage> Commands(ContactCenterDefinition definition)
    {
        foreach (var queue in definition.Queues)
        {
            var members = definition.Agents.Where(a => a.Queues.Contains(queue.Name)).Select(a => new AgentId(a.Id)).ToList();
            yield return new ConfigureQueue(new QueueId(queue.Name), queue, members);
        }
        foreach (var agent in definition.Agents)
            yield return new ConfigureAgent(new AgentId(agent.Id), agent.Name, agent.Site, agent.Skills,
                agent.Queues.Select(q => new QueueId(q)).ToList());
    }
}

using CallCenter.Actors;
using CallCenter.Actors.Definition;

namespace CallCenter.Node.Entities;

/// <summary>
/// The contact-center definition in force on this node, for validating API requests (which
/// queues, agents, skills and reason codes exist). Swapped whole when the definition changes.
/// </summary>
public sealed class ContactCenterDirectory
{
    private volatile Snapshot _current;

    public ContactCenterDirectory() : this(ContactCenterDefinition.Empty)
    {
    }

    /// <summary>Starts with <paramref name="definition"/> in force, before it is applied to the entities.</summary>
    public ContactCenterDirectory(ContactCenterDefinition definition) => _current = new Snapshot(definition);

    public ContactCenterDefinition Definition => _current.Definition;

    public void Replace(ContactCenterDefinition definition) => _current = new Snapshot(definition);

    public bool HasQueue(string name) => _current.Queues.ContainsKey(name);

    public QueueDefinition? Queue(string name) => _current.Queues.GetValueOrDefault(name);

    public AgentDefinition? Agent(string id) => _current.Agents.GetValueOrDefault(id);

    public bool HasSkill(string skill) => _current.Skills.Contains(skill);

    public bool HasNotReadyReason(string reason) => _current.Reasons.Contains(reason);

    public IEnumerable<QueueId> QueueIds => _current.Definition.Queues.Select(q => new QueueId(q.Name));

    public IEnumerable<AgentId> AgentIds => _current.Definition.Agents.Select(a => new AgentId(a.Id));

    /// <summary>The agents who serve <paramref name="queue"/>, from their definitions.</summary>
    public IReadOnlyList<AgentId> MembersOf(string queue) =>
        _current.Definition.Agents.Where(a => a.Queues.Contains(queue)).Select(a => new AgentId(a.Id)).ToList();

    private sealed class Snapshot(ContactCenterDefinition definition)
    {
        public ContactCenterDefinition Definition { get; } = definition;
        public Dictionary<string, QueueDefinition> Queues { get; } = definition.Queues.ToDictionary(q => q.Name);
        public Dictionary<string, AgentDefinition> Agents { get; } = definition.Agents.ToDictionary(a => a.Id);
        public HashSet<string> Skills { get; } = [.. definition.Skills];
        public HashSet<string> Reasons { get; } = [.. definition.NotReadyReasons, .. NotReadyReasonCodes.Platform];
    }
}

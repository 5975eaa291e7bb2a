using CallCenter.Node.Auth;

namespace CallCenter.Web.Tests;

/// <summary>
/// The contact center the browser tests run: one queue per test so that tests sharing a node do not meet,
/// long ring and wrap-up times so that nothing moves unless a test moves it, and a supervisor over every queue.
/// Agents sign in on the web with <c>desk-&lt;id&gt;</c>.
/// </summary>
public static class TestDefinition
{
    /// <summary>Id, name, queues and role of each agent; the phone's SIP password is <c>phone-&lt;id&gt;</c>.</summary>
    private static readonly (string Id, string Name, string Queues, string Role)[] Agents =
    [
        ("1001", "Alice Smith", "billing", "agent"),
        ("1002", "Bob Jones", "general", "agent"),
        ("1003", "Carol White", "support", "agent"),
        ("1004", "David Brown", "restart", "agent"),
        ("1005", "Emma Wilson", "sales", "agent"),
        ("1006", "Frank Taylor", "sales", "agent"),
        ("1007", "Gina Lee", "general", "agent"),
        ("1008", "Hugo Martin", "transfers", "agent"),
        ("1009", "Iris Novak", "general", "agent"),
        ("9001", "Grace Hopper", "billing, sales, support, general", "supervisor"),
    ];

    public static string Yaml { get; } = """
        skills: [billing]
        notReadyReasons: [break, lunch]
        queues:
          - {name: billing, ringTimeoutSeconds: 300, wrapUpSeconds: 600, autoReadyAfterWrapUp: false, serviceLevelSeconds: 20}
          - {name: sales, ringTimeoutSeconds: 300, wrapUpSeconds: 600, autoReadyAfterWrapUp: false, serviceLevelSeconds: 20}
          - {name: support, ringTimeoutSeconds: 300, wrapUpSeconds: 600, autoReadyAfterWrapUp: false, serviceLevelSeconds: 20}
          - {name: general, ringTimeoutSeconds: 300, wrapUpSeconds: 600, autoReadyAfterWrapUp: false, serviceLevelSeconds: 20}
          - {name: restart, ringTimeoutSeconds: 300, wrapUpSeconds: 600, autoReadyAfterWrapUp: false, serviceLevelSeconds: 20}
          - {name: transfers, ringTimeoutSeconds: 300, wrapUpSeconds: 600, autoReadyAfterWrapUp: false, serviceLevelSeconds: 20}
          - {name: parked, ringTimeoutSeconds: 300, wrapUpSeconds: 600, autoReadyAfterWrapUp: false, serviceLevelSeconds: 20}
        agents:

        """ + string.Join('\n', Agents.Select(a =>
        $"  - {{id: \"{a.Id}\", name: {a.Name}, password: phone-{a.Id}, passwordHash: \"{PasswordHashes.Hash(PasswordOf(a.Id))}\", " +
        $"site: london, role: {a.Role}, queues: [{a.Queues}]}}"));

    /// <summary>Writes the definition into <paramref name="directory"/> and answers its path.</summary>
    public static string WriteTo(string directory)
    {
        var path = Path.Combine(directory, "callcenter.yaml");
        File.WriteAllText(path, Yaml);
        return path;
    }

    public static string PasswordOf(string agentId) => $"desk-{agentId}";
}

namespace CallCenter.Web.Tests;

/// <summary>
/// The contact center the browser tests run: one queue per test so that tests sharing a node do not meet,
/// long ring and wrap-up times so that nothing moves unless a test moves it, and a supervisor over every queue.
/// Agents sign in on the web with <c>desk-&lt;id&gt;</c>.
/// </summary>
public static class TestDefinition
{
    public const string Yaml = """
        skills: [billing]
        notReadyReasons: [break, lunch]
        queues:
          - {name: billing, ringTimeoutSeconds: 300, wrapUpSeconds: 600, autoReadyAfterWrapUp: false, serviceLevelSeconds: 20}
          - {name: sales, ringTimeoutSeconds: 300, wrapUpSeconds: 600, autoReadyAfterWrapUp: false, serviceLevelSeconds: 20}
          - {name: support, ringTimeoutSeconds: 300, wrapUpSeconds: 600, autoReadyAfterWrapUp: false, serviceLevelSeconds: 20}
          - {name: general, ringTimeoutSeconds: 300, wrapUpSeconds: 600, autoReadyAfterWrapUp: false, serviceLevelSeconds: 20}
          - {name: restart, ringTimeoutSeconds: 300, wrapUpSeconds: 600, autoReadyAfterWrapUp: false, serviceLevelSeconds: 20}
        agents:
          - {id: "1001", name: Alice Smith, password: "phone-1001", site: london, queues: [billing]}
          - {id: "1002", name: Bob Jones, password: "phone-1002", site: london, queues: [general]}
          - {id: "1003", name: Carol White, password: "phone-1003", site: london, queues: [support]}
          - {id: "1004", name: David Brown, password: "phone-1004", site: london, queues: [restart]}
          - {id: "1005", name: Emma Wilson, password: "phone-1005", site: london, queues: [sales]}
          - {id: "1006", name: Frank Taylor, password: "phone-1006", site: london, queues: [sales]}
          - {id: "1007", name: Gina Lee, password: "phone-1007", site: london, queues: [general]}
          - {id: "9001", name: Grace Hopper, password: "phone-9001", site: london, role: supervisor, queues: [billing, sales, support, general]}
        """;

    /// <summary>Writes the definition into <paramref name="directory"/> and answers its path.</summary>
    public static string WriteTo(string directory)
    {
        var path = Path.Combine(directory, "callcenter.yaml");
        File.WriteAllText(path, Yaml);
        return path;
    }

    public static string PasswordOf(string agentId) => $"desk-{agentId}";
}

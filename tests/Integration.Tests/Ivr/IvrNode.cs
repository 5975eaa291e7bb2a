using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CallCenter.Integration.Tests.Gateway;

namespace CallCenter.Integration.Tests.Ivr;

/// <summary>
/// A node whose entry points lead through IVR flows: 500 to a menu (1: type an account number then queue x, 2: queue
/// y, which 9 leaves for a goodbye and a hang-up, 3: queue x), 501 to a prompt and a hang-up. Queue x records its calls; both hold callers with music. Agents
/// 4001 (queue x) and 4002 (queue y) have sipp phones at 127.0.0.36 and .37; recordings go to a temporary folder.
/// </summary>
public sealed partial class IvrNode : GatewayNode
{
    public static readonly IReadOnlyDictionary<string, (string Password, string Address)> IvrPhones = new Dictionary<string, (string, string)>
    {
        ["4001"] = ("pw-4001", "127.0.0.36"),
        ["4002"] = ("pw-4002", "127.0.0.37"),
    };

    private const string IvrDefinition = """
        notReadyReasons: [break]
        trunks:
          - name: loopback-lower-half
            addresses: [127.0.0.0/25]
        entryPoints:
          - {number: "500", flow: menu}
          - {number: "501", flow: prompt}
        flows:
          - name: menu
            start: greeting
            steps:
              - {id: greeting, play: [thank-you], next: menu}
              - id: menu
                menu: {play: [main-menu], timeoutSeconds: 4, retries: 1, invalid: [invalid-choice], otherwise: bye,
                       options: {"1": account, "2": to-y, "3": to-x}}
              - id: account
                collect: {play: [enter-account], into: account, maxDigits: 8, terminator: "#", timeoutSeconds: 4, otherwise: bye}
                next: to-x
              - {id: to-x, queue: x}
              - {id: to-y, queue: y, exit: {digit: "9", to: bye}}
              - {id: bye, play: [goodbye], next: end}
              - {id: end, hangup: true}
          - name: prompt
            start: welcome
            steps:
              - {id: welcome, play: [welcome], next: end}
              - {id: end, hangup: true}
        queues:
          - {name: x, ringTimeoutSeconds: 5, wrapUpSeconds: 1, autoReadyAfterWrapUp: true, hold: {music: hold-music}, recording: {enabled: true}}
          - {name: y, ringTimeoutSeconds: 5, wrapUpSeconds: 1, autoReadyAfterWrapUp: true, hold: {music: hold-music}}
        agents:
          - {id: "4001", name: Ivr One, password: "pw-4001", site: test, queues: [x]}
          - {id: "4002", name: Ivr Two, password: "pw-4002", site: test, queues: [y]}
        """;

    public string Recordings { get; } = Directory.CreateTempSubdirectory("ivr-recordings-").FullName;

    protected override string DefinitionText => IvrDefinition;

    public override IReadOnlyDictionary<string, (string Password, string Address)> AgentPhones => IvrPhones;

    protected override IReadOnlyList<string> PhonesToRegister => ["4001", "4002"];

    protected override IEnumerable<string> ExtraSettings =>
        [$"--CallCenter:Media:RecordingsPath={Recordings}", $"--CallCenter:Media:PromptsPath={Path.Combine(Support.Repository.Root, "config", "prompts")}"];

    /// <summary>The call entity's id for the SIP call whose caller sent From user <paramref name="callerUser"/> (from the node's log).</summary>
    public async Task<string> AwaitCallIdAsync(string callerUser)
    {
        string? id = null;
        await AwaitAsync(() =>
        {
            var match = Regex.Match(Node.Output, $@"Call (?<call>\S+) \(SIP Call-ID \S+\) from {Regex.Escape(callerUser)} ");
            id = match.Success ? match.Groups["call"].Value : null;
            return Task.FromResult(id is not null);
        }, TimeSpan.FromSeconds(10), () => Task.FromResult($"no call from {callerUser} in the node's log\n{NodeTail()}"));
        return id!;
    }

    public async Task<JsonElement> CallAsync(string id) => await Http.GetFromJsonAsync<JsonElement>($"/api/calls/{id}");

    /// <summary>Polls GET /api/calls/{id} until <paramref name="condition"/> holds; returns that view.</summary>
    public async Task<JsonElement> AwaitCallAsync(string id, Func<JsonElement, bool> condition, string what, TimeSpan? limit = null)
    {
        JsonElement view = default;
        await AwaitAsync(async () => condition(view = await CallAsync(id)), limit ?? TimeSpan.FromSeconds(15),
            async () => $"call {id} never {what}: {await CallAsync(id)}\n{NodeTail()}");
        return view;
    }
}

/// <summary>The IVR specs share one node and run in turn.</summary>
[CollectionDefinition(Name)]
public sealed class IvrCollection : ICollectionFixture<IvrNode>
{
    public const string Name = "ivr";
}

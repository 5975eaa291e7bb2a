using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CallCenter.Integration.Tests.Support;

namespace CallCenter.Integration.Tests.Gateway;

/// <summary>
/// One node for the gateway specs with a small definition: entry point 100 leads to queue a (agents
/// 3001, 3002), 200 to queue b (3003), 300 to queue c (3005, the baresip phone); 3 s ring timeout,
/// 1 s wrap-up, then ready by itself. Only 127.0.0.0/25 is a trunk, so a caller on 127.0.0.140 is a
/// stranger. Each agent's phone has a fixed loopback address, so registering again only refreshes
/// its one binding.
/// </summary>
public partial class GatewayNode : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, (string Password, string Address)> Phones = new Dictionary<string, (string, string)>
    {
        ["3001"] = ("pw-3001", "127.0.0.31"),
        ["3002"] = ("pw-3002", "127.0.0.32"),
        ["3003"] = ("pw-3003", "127.0.0.33"),
        ["3005"] = ("pw-3005", "127.0.0.35"),
    };

    /// <summary>The phones sipp registers (3005 is registered by baresip in its own spec).</summary>
    private static readonly string[] SippPhones = ["3001", "3002", "3003"];

    public static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(3);

    internal const string Definition = """
        notReadyReasons: [break]
        trunks:
          - name: loopback-lower-half
            addresses: [127.0.0.0/25]
        entryPoints:
          - {number: "100", queue: a}
          - {number: "200", queue: b}
          - {number: "300", queue: c}
        queues:
          - {name: a, strategy: longest-idle, ringTimeoutSeconds: 3, wrapUpSeconds: 1, autoReadyAfterWrapUp: true}
          - {name: b, strategy: longest-idle, ringTimeoutSeconds: 3, wrapUpSeconds: 1, autoReadyAfterWrapUp: true}
          - {name: c, strategy: longest-idle, ringTimeoutSeconds: 3, wrapUpSeconds: 1, autoReadyAfterWrapUp: true}
        agents:
          - {id: "3001", name: Agent One, password: "pw-3001", site: test, queues: [a]}
          - {id: "3002", name: Agent Two, password: "pw-3002", site: test, queues: [a]}
          - {id: "3003", name: Agent Three, password: "pw-3003", site: test, queues: [b]}
          - {id: "3005", name: Agent Baresip, password: "pw-3005", site: test, queues: [c]}
        """;

    private string _definitionPath = "";
    private Task? _registration;

    public NodeProcess Node { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>More <c>--CallCenter:...</c> settings for a node that needs them.</summary>
    protected virtual IEnumerable<string> ExtraSettings => [];

    /// <summary>The node's contact-center definition.</summary>
    protected virtual string DefinitionText => Definition;

    /// <summary>The agents whose phones sipp registers, with their passwords and addresses.</summary>
    public virtual IReadOnlyDictionary<string, (string Password, string Address)> AgentPhones =>
        Phones.Where(p => SippPhones.Contains(p.Key) || p.Key == "3005").ToDictionary();

    /// <summary>The phones sipp registers.</summary>
    protected virtual IReadOnlyList<string> PhonesToRegister => SippPhones;

    // MD5 only: sipp 3.6 answers only the first challenge, and baresip 1.0 gives up ("Function not
    // implemented") on a 401 that also offers SHA-256.
    public async Task InitializeAsync()
    {
        _definitionPath = Path.Combine(Directory.CreateTempSubdirectory("gateway-definition-").FullName, "callcenter.yaml");
        await File.WriteAllTextAsync(_definitionPath, DefinitionText);
        Node = await NodeProcess.StartAsync([$"--CallCenter:Definition:Path={_definitionPath}", "--CallCenter:Sip:DigestAlgorithms=MD5", .. ExtraSettings]);
        Http = Node.ApiClient(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Node.DisposeAsync();
        try { Directory.Delete(Path.GetDirectoryName(_definitionPath)!, recursive: true); } catch (IOException) { }
    }

    /// <summary>Registers the sipp phones once (Expires 3600 outlasts the run) and waits for each agent to show its phone.</summary>
    public Task EnsurePhonesRegisteredAsync() => _registration ??= RegisterAsync();

    private async Task RegisterAsync()
    {
        foreach (var agent in PhonesToRegister)
        {
            var (password, address) = AgentPhones[agent];
            await using var register = Sipp.Register(agent, password, address, Node.SipPort);
            var exit = await register.WaitAsync(TimeSpan.FromSeconds(30));
            if (exit != 0)
                throw new InvalidOperationException($"agent {agent}'s phone did not register (sipp exit {exit})\n{register.Report()}\n{NodeTail()}");
        }
        foreach (var agent in PhonesToRegister)
            await AwaitPhoneAsync(agent);
    }

    /// <summary>Waits until GET /api/agents/{id} shows a phone (the registered Contact), as the gateway needs before offering a call.</summary>
    public async Task<string> AwaitPhoneAsync(string agent, TimeSpan? limit = null)
    {
        string? phone = null;
        await AwaitAsync(async () =>
        {
            var view = await AgentAsync(agent);
            phone = view.TryGetProperty("phone", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            return phone is not null;
        }, limit ?? TimeSpan.FromSeconds(10), async () => $"agent {agent} never showed a registered phone: GET /api/agents/{agent} = {await AgentAsync(agent)}");
        return phone!;
    }

    /// <summary>
    /// Puts every agent not-ready (reason break), then makes <paramref name="readyInOrder"/> ready one
    /// after the other, so that with longest-idle routing the first named is offered the next call first.
    /// </summary>
    public async Task ResetAgentsAsync(params string[] readyInOrder)
    {
        foreach (var agent in AgentPhones.Keys)
            await SetStatusAsync(agent, "not-ready", "break");
        foreach (var agent in readyInOrder)
        {
            await SetStatusAsync(agent, "ready");
            await Task.Delay(20); // distinct idle-since instants for longest-idle
        }
    }

    /// <summary>Asks for a status until the agent has it (an agent still on a call or in wrap-up may refuse for a moment).</summary>
    public async Task SetStatusAsync(string agent, string status, string? reason = null) =>
        await AwaitAsync(async () =>
        {
            if (await StatusAsync(agent) == status && (reason is null || await ReasonAsync(agent) == reason))
                return true;
            await Http.PostAsJsonAsync($"/api/agents/{agent}/state", reason is null ? new { state = status } : (object)new { state = status, reason });
            return await StatusAsync(agent) == status;
        }, TimeSpan.FromSeconds(15), async () => $"agent {agent} would not become {status}: {await AgentAsync(agent)}");

    /// <summary>Waits until the agent has <paramref name="status"/> (and <paramref name="reason"/>, when given).</summary>
    public async Task AwaitStatusAsync(string agent, string status, TimeSpan limit, string? reason = null) =>
        await AwaitAsync(async () => await StatusAsync(agent) == status && (reason is null || await ReasonAsync(agent) == reason),
            limit, async () => $"agent {agent} should be {status}{(reason is null ? "" : $" ({reason})")}: {await AgentAsync(agent)}\n{NodeTail()}");

    public async Task<JsonElement> AgentAsync(string agent) =>
        await Http.GetFromJsonAsync<JsonElement>($"/api/agents/{agent}");

    public async Task<string?> StatusAsync(string agent) => (await AgentAsync(agent)).GetProperty("status").GetString();

    public async Task<string?> ReasonAsync(string agent) =>
        (await AgentAsync(agent)).TryGetProperty("reason", out var r) ? r.GetString() : null;

    /// <summary>GET /api/queues/{name}: the figures (offered, answered, abandoned, ...).</summary>
    public async Task<QueueCounts> FiguresAsync(string queue)
    {
        var view = await Http.GetFromJsonAsync<JsonElement>($"/api/queues/{queue}");
        var figures = view.GetProperty("figures");
        return new QueueCounts(figures.GetProperty("offered").GetInt32(), figures.GetProperty("answered").GetInt32(),
            figures.GetProperty("abandoned").GetInt32(), view.GetProperty("waiting").GetArrayLength());
    }

    /// <summary>The node's "Call {id} media: caller->agent N packets, agent->caller M packets" lines, by call id.</summary>
    public IReadOnlyDictionary<string, MediaCounts> MediaLines()
    {
        var lines = new Dictionary<string, MediaCounts>();
        foreach (Match m in MediaLine().Matches(Node.Output))
            lines[m.Groups["call"].Value] = new MediaCounts(long.Parse(m.Groups["in"].Value), long.Parse(m.Groups["out"].Value));
        return lines;
    }

    /// <summary>Waits for the media line of <paramref name="callId"/> (logged once the call's legs are all gone).</summary>
    public async Task<MediaCounts> AwaitMediaAsync(string callId)
    {
        await AwaitAsync(() => Task.FromResult(MediaLines().ContainsKey(callId)), TimeSpan.FromSeconds(10),
            () => Task.FromResult($"no 'Call {callId} media: ...' line in the node's output; media lines seen: " +
                                  string.Join("; ", MediaLines().Select(l => $"{l.Key}: {l.Value}"))));
        return MediaLines()[callId];
    }

    /// <summary>A desktop button: POST /api/agents/{agent}/{action}, which must be accepted.</summary>
    public async Task PressAsync(string agent, string action, object? body = null)
    {
        using var response = await Http.PostAsJsonAsync($"/api/agents/{agent}/{action}", body ?? new { });
        Assert.True(response.IsSuccessStatusCode, $"{action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{NodeTail()}");
    }

    /// <summary>Waits until the agent's view says its call is on hold (or not).</summary>
    public async Task AwaitOnHoldAsync(string agent, bool onHold) =>
        await AwaitAsync(async () => (await AgentAsync(agent)).GetProperty("onHold").GetBoolean() == onHold,
            TimeSpan.FromSeconds(10), async () => $"agent {agent} should show onHold {onHold}: {await AgentAsync(agent)}\n{NodeTail()}");

    /// <summary>
    /// What the node logged of a desktop hold on <paramref name="callId"/>: the packets relayed when the caller was put
    /// on hold, the hold music sent to the caller until the resume, and the packets relayed when the agent's leg ended.
    /// </summary>
    public HoldCounts HoldLines(string callId)
    {
        var output = Node.Output;
        MediaCounts Relayed(string what) =>
            Regex.Match(output, $@"Call {Regex.Escape(callId)}: {what} \(relayed so far: caller->agent (?<in>\d+), agent->caller (?<out>\d+)\)") is { Success: true } m
                ? new MediaCounts(long.Parse(m.Groups["in"].Value), long.Parse(m.Groups["out"].Value))
                : new MediaCounts(-1, -1);
        var music = Regex.Match(output, $@"Call {Regex.Escape(callId)}: agent \S+ took the caller off hold after (?<n>\d+) packets of hold music");
        return new HoldCounts(Relayed(@"agent \S+ put the caller on hold"), music.Success ? long.Parse(music.Groups["n"].Value) : -1,
            Relayed(@"agent \S+'s leg ends: [^(]*"));
    }

    /// <summary>The node's output (its last part), for failure messages.</summary>
    public string NodeTail(int maxChars = 20_000) => $"==== node output\n{BackgroundTool.Tail(Node.Output, maxChars)}";

    /// <summary>Everything needed to see why a call went wrong: each tool's logs, then the node's output.</summary>
    public string Explain(params BackgroundTool[] tools)
    {
        var text = new StringBuilder();
        foreach (var tool in tools)
            text.AppendLine(tool.Report());
        text.AppendLine(NodeTail());
        return text.ToString();
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms; fails with <paramref name="describe"/> after <paramref name="limit"/>.</summary>
    public static async Task AwaitAsync(Func<Task<bool>> condition, TimeSpan limit, Func<Task<string>> describe)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { }
            if (DateTime.UtcNow >= deadline)
                throw new Xunit.Sdk.XunitException($"after {limit.TotalSeconds} s: {await describe()}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"Call (?<call>\S+) media: caller->agent (?<in>\d+) packets, agent->caller (?<out>\d+) packets")]
    private static partial Regex MediaLine();
}

public sealed record QueueCounts(int Offered, int Answered, int Abandoned, int Waiting);

public sealed record MediaCounts(long CallerToAgent, long AgentToCaller);

/// <summary>The gateway specs share one node and must not overlap: one collection runs them in turn.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayNode>
{
    public const string Name = "gateway";
}

/// <summary>A second gateway node whose talking calls are probed after 1 s without media (the default is 30 s).</summary>
public sealed class ProbingGatewayNode : GatewayNode
{
    protected override IEnumerable<string> ExtraSettings => ["--CallCenter:Sip:ProbeAfterSilenceSeconds=1"];
}

/// <summary>A desktop hold as the node logged it (-1 where a line is missing).</summary>
public sealed record HoldCounts(MediaCounts AtHold, long MusicPackets, MediaCounts AtEnd);

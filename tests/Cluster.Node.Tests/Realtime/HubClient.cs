using System.Text.Json;
using System.Threading.Channels;
using CallCenter.Node.Auth;
using CallCenter.Node.Realtime;
using CallCenter.Node.Tests.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CallCenter.Node.Tests.Realtime;

/// <summary>A page connected to the node's hub over WebSockets through the in-process test server; pushes are kept as JSON.</summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly Channel<JsonElement> _agents = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<JsonElement> _queues = Channel.CreateUnbounded<JsonElement>();

    private readonly List<JsonElement> _allQueuePushes = [];

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<JsonElement>(RealtimeGroups.AgentMethod, v => _agents.Writer.TryWrite(v));
        connection.On<JsonElement>(RealtimeGroups.QueueMethod, v =>
        {
            lock (_allQueuePushes)
                _allQueuePushes.Add(v);
            _queues.Writer.TryWrite(v);
        });
    }

    /// <summary>Every queue push received so far, read or not.</summary>
    public IReadOnlyList<JsonElement> QueuePushesSoFar
    {
        get
        {
            lock (_allQueuePushes)
                return [.. _allQueuePushes];
        }
    }

    public HubConnection Connection { get; }

    /// <summary>Connects with the node's API key, or with <paramref name="headers"/> instead (a session cookie, or none).</summary>
    public static async Task<HubClient> ConnectAsync(NodeFactory node, IReadOnlyDictionary<string, string>? headers = null)
    {
        headers ??= new Dictionary<string, string> { [AuthSchemes.ApiKeyHeader] = NodeFactory.ApiKey };
        var server = node.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, RealtimeSetup.HubPath), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = (context, cancel) =>
                {
                    var sockets = server.CreateWebSocketClient();
                    sockets.ConfigureRequest = request =>
                    {
                        foreach (var (name, value) in headers)
                            request.Headers[name] = value;
                    };
                    return new(sockets.ConnectAsync(context.Uri, cancel));
                };
            })
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    public Task<JsonElement> WatchAgentAsync(string agentId) => Connection.InvokeAsync<JsonElement>("WatchAgent", agentId);

    public Task<JsonElement> WatchQueuesAsync() => Connection.InvokeAsync<JsonElement>("WatchQueues");

    /// <summary>The next agent push that satisfies <paramref name="condition"/>, within five seconds.</summary>
    public Task<JsonElement> NextAgentAsync(Func<JsonElement, bool> condition) => NextAsync(_agents, condition, "agent");

    public Task<JsonElement> NextQueueAsync(Func<JsonElement, bool> condition) => NextAsync(_queues, condition, "queue");

    /// <summary>Agent pushes received so far and not yet read.</summary>
    public int PendingAgentPushes => _agents.Reader.Count;

    private static async Task<JsonElement> NextAsync(Channel<JsonElement> pushes, Func<JsonElement, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            while (true)
            {
                var push = await pushes.Reader.ReadAsync(timeout.Token);
                if (condition(push))
                    return push;
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"no matching '{what}' push within 5 s");
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

using System.Net;
using Akka.Actor;
using Akka.Hosting;
using CallCenter.Actors;
using CallCenter.Actors.Agents;
using CallCenter.Gateway.Calls;
using CallCenter.Gateway.Media.Transport;
using CallCenter.Gateway.Sip.Auth;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Registrar;
using CallCenter.Gateway.Telemetry;
using CallCenter.Gateway.Sip.UserAgent;
using CallCenter.Node.Configuration;
using CallCenter.Node.Entities;

namespace CallCenter.Node.Gateway;

/// <summary>
/// The gateway role's SIP front door: our stack on <c>CallCenter:Sip</c> (UDP and TCP), a registrar that
/// authenticates agents' phones with digest against the agents' definitions in force (user = agent id) and tells each
/// agent's entity where its phone is, and the B2BUA (<see cref="CallGatewayActor"/>) that turns INVITEs from
/// trunks into calls routed through the cluster to those phones.
/// </summary>
public sealed class SipGateway(
    SipOptions options,
    MediaOptions media,
    ContactCenterDirectory directory,
    ShutdownOptions shutdown,
    IServiceProvider services,
    ILogger<SipGateway> log) : IHostedService, IAsyncDisposable
{
    private SipStack? _stack;
    private IDisposable? _watched;
    private SipCallIntake? _intake;
    private IActorRef? _gateway;

    /// <summary>Where the stack listens (after start); port 0 in configuration resolves here.</summary>
    public IPEndPoint EndPoint => Stack.EndPoint;

    public SipStack Stack => _stack ?? throw new InvalidOperationException("the SIP gateway has not started");

    public SipRegistrar Registrar { get; private set; } = null!;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var credentials = new AgentPhoneCredentials(directory);
        var digest = new DigestOptions
        {
            Realm = options.Realm,
            Algorithms = options.DigestAlgorithms.Select(a => Digest.Parse(a)!.Value).ToList(),
        };
        // Resolved now, not in the constructor: the actor system exists only once Akka's hosted service started.
        var system = services.GetRequiredService<ActorSystem>();
        var entities = CallCenterEntities.Router(services.GetRequiredService<ActorRegistry>(), system);
        Registrar = new SipRegistrar(new InMemoryBindingStore(), new DigestAuthenticator(credentials, digest));
        Registrar.BindingChanged += change => TellAgent(entities, change);
        _stack = SipStack.Open(new IPEndPoint(IPAddress.Parse(options.Address), options.Port));
        _stack.Agent.Handle(SipMethods.Register, async tx => tx.Respond(await Registrar.RegisterAsync(tx.Request, tx.Flow)));

        var context = new CallGatewayContext(_stack.Agent, new RtpPortAllocator(options.RtpFirstPort, options.RtpLastPort) { Gateway = _stack.EndPoint.ToString() }, entities,
            () => directory.Definition,
            new CallGatewayOptions
            {
                RtpAddress = IPAddress.Parse(options.RtpAddress),
                ProbeAfterSilence = TimeSpan.FromSeconds(options.ProbeAfterSilenceSeconds),
                PromptsPath = Path.GetFullPath(media.PromptsPath),
                RecordingsPath = Path.GetFullPath(media.RecordingsPath),
            });
        _gateway = system.ActorOf(CallGatewayActor.Props(context), CallGatewayActor.Name);
        _intake = new SipCallIntake(context, _gateway, _gateway.Path.ToStringWithAddress(((ExtendedActorSystem)system).Provider.DefaultAddress));
        _intake.Attach();
        _watched = SipTelemetry.Watch(_stack.EndPoint.ToString(), _stack.Layer, () => Registrar.BindingCount);
        log.LogInformation("SIP listening on {EndPoint} (UDP and TCP), realm {Realm}, digest {Algorithms}; RTP on {RtpAddress} ports {First}-{Last}",
            _stack.EndPoint, options.Realm, string.Join(",", options.DigestAlgorithms), options.RtpAddress, options.RtpFirstPort, options.RtpLastPort);
        return Task.CompletedTask;
    }

    /// <summary>A phone registered, refreshed, unregistered or expired: its agent's entity is where any gateway finds it.</summary>
    private void TellAgent(Actors.Entities.EntityRouter entities, SipBindingChange change)
    {
        var binding = change.Binding;
        var agent = AgentOf(binding.Aor);
        log.LogInformation("SIP binding {Kind}: {Aor} at {Contact}", change.Kind, binding.Aor, binding.ContactKey);
        if (agent is null)
            return;
        IProtocolMessage message = change.Kind is SipBindingChangeKind.Added or SipBindingChangeKind.Refreshed
            ? new RegisterPhone(new AgentId(agent), binding.ContactKey, binding.ExpiresAt)
            : new UnregisterPhone(new AgentId(agent), binding.ContactKey);
        entities.Tell(message, ActorRefs.Nobody);
    }

    private string? AgentOf(string aor)
    {
        var colon = aor.IndexOf(':');
        var at = aor.IndexOf('@');
        var user = colon >= 0 && at > colon ? aor[(colon + 1)..at] : null;
        return user is not null && directory.Agent(user) is not null ? user : null;
    }

    /// <summary>
    /// The host is stopping (SIGTERM): new INVITEs get 503 and the calls in progress have up to
    /// <see cref="ShutdownOptions.GracePeriodSeconds"/> to finish; then what is left is cut (BYE to both parties, the
    /// entities told, so agents wrap up), and the stack closes after at most <see cref="CutBudget"/>.
    /// The host stops this service before the actor system (registered later, stopped first), so the calls' entities
    /// keep running while the gateway drains.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_intake is { } intake && _gateway is { } gateway)
        {
            intake.StartDraining();
            var left = await DrainAsync(gateway, TimeSpan.FromSeconds(shutdown.GracePeriodSeconds), cancellationToken);
            if (left > 0)
            {
                log.LogWarning("SIP gateway drained for {Grace} s; {Count} calls still in progress are cut", shutdown.GracePeriodSeconds, left);
                gateway.Tell(new CallGatewayActor.CutCalls("the gateway is shutting down"));
                left = await DrainAsync(gateway, CutBudget, cancellationToken);
                if (left > 0)
                    log.LogWarning("SIP gateway closing with {Count} calls whose hang-up was not confirmed", left);
            }
        }
        await DisposeAsync();
    }

    /// <summary>
    /// How long cut calls get to say BYE and tell their entities before the stack closes (a BYE's retransmissions take up
    /// to 32 s: a phone that does not answer one is left to its own timers). Part of <see cref="ShutdownOptions.LeaveSeconds"/>.
    /// </summary>
    public static readonly TimeSpan CutBudget = TimeSpan.FromSeconds(3);

    /// <summary>Waits until the gateway holds no call or <paramref name="grace"/> passed; returns the calls left.</summary>
    private async Task<int> DrainAsync(IActorRef gateway, TimeSpan grace, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + grace;
        while (true)
        {
            var count = (await gateway.Ask<CallGatewayActor.CallsInProgress>(CallGatewayActor.CountCalls.Instance, TimeSpan.FromSeconds(2))).Count;
            log.LogInformation("SIP gateway draining: new INVITEs get 503, {Count} calls in progress", count);
            if (count == 0 || DateTime.UtcNow >= deadline || cancellationToken.IsCancellationRequested)
                return count;
            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _intake?.Detach();
        _watched?.Dispose();
        if (_stack is { } stack)
        {
            _stack = null;
            await stack.DisposeAsync();
            Registrar.Dispose();
        }
    }
}

/// <summary>
/// Agents' phone passwords (<c>password:</c> of an agent) as the definition in force has them, so that an agent created
/// or changed through the administration API registers its phone at once.
/// </summary>
public sealed class AgentPhoneCredentials(ContactCenterDirectory directory) : ISipCredentialProvider
{
    public ValueTask<SipCredential?> FindAsync(string username, string realm, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(directory.Agent(username) is { Password: { Length: > 0 } password } ? new SipCredential(username, password) : null);
}

public static class SipGatewaySetup
{
    /// <summary>Runs the SIP gateway when this node has the gateway role.</summary>
    public static WebApplicationBuilder AddSipGateway(this WebApplicationBuilder builder, CallCenterOptions options)
    {
        if (!options.Cluster.HasRole(NodeRoles.Gateway))
            return builder;
        builder.Services.AddSingleton(options.Sip);
        builder.Services.AddSingleton(options.Media);
        builder.Services.AddSingleton(options.Shutdown);
        builder.Services.AddSingleton<SipGateway>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SipGateway>());
        return builder;
    }
}

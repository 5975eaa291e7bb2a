using System.Net;
using CallCenter.Actors.Definition;
using CallCenter.Gateway.Sip.Auth;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Registrar;
using CallCenter.Gateway.Sip.UserAgent;
using CallCenter.Node.Configuration;

namespace CallCenter.Node.Gateway;

/// <summary>
/// The gateway role's SIP front door: our stack on <c>CallCenter:Sip</c> (UDP and TCP), a registrar
/// that authenticates agents' phones with digest against the agents' definitions (user = agent id),
/// and OPTIONS answered by the stack. Calls routed from SIP INVITEs come with the gateway issue;
/// until then an INVITE is answered 480 by the user agent.
/// </summary>
public sealed class SipGateway(SipOptions options, ContactCenterDefinition definition, ILogger<SipGateway> log) : IHostedService, IAsyncDisposable
{
    private SipStack? _stack;

    /// <summary>Where the stack listens (after start); port 0 in configuration resolves here.</summary>
    public IPEndPoint EndPoint => Stack.EndPoint;

    public SipStack Stack => _stack ?? throw new InvalidOperationException("the SIP gateway has not started");

    public SipRegistrar Registrar { get; private set; } = null!;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var credentials = new InMemoryCredentialProvider(definition.Agents
            .Where(a => !string.IsNullOrEmpty(a.Password))
            .Select(a => new SipCredential(a.Id, a.Password!)));
        var digest = new DigestOptions
        {
            Realm = options.Realm,
            Algorithms = options.DigestAlgorithms.Select(a => Digest.Parse(a)!.Value).ToList(),
        };
        Registrar = new SipRegistrar(new InMemoryBindingStore(), new DigestAuthenticator(credentials, digest));
        Registrar.BindingChanged += change => log.LogInformation("SIP binding {Kind}: {Aor} at {Contact}",
            change.Kind, change.Binding.Aor, change.Binding.ContactKey);
        _stack = SipStack.Open(new IPEndPoint(IPAddress.Parse(options.Address), options.Port));
        _stack.Agent.Handle(SipMethods.Register, async tx => tx.Respond(await Registrar.RegisterAsync(tx.Request, tx.Flow)));
        log.LogInformation("SIP listening on {EndPoint} (UDP and TCP), realm {Realm}, digest {Algorithms}",
            _stack.EndPoint, options.Realm, string.Join(",", options.DigestAlgorithms));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_stack is { } stack)
        {
            _stack = null;
            await stack.DisposeAsync();
            Registrar.Dispose();
        }
    }
}

public static class SipGatewaySetup
{
    /// <summary>Runs the SIP gateway when this node has the gateway role.</summary>
    public static WebApplicationBuilder AddSipGateway(this WebApplicationBuilder builder, CallCenterOptions options)
    {
        if (!options.Cluster.HasRole(NodeRoles.Gateway))
            return builder;
        builder.Services.AddSingleton(options.Sip);
        builder.Services.AddSingleton<SipGateway>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SipGateway>());
        return builder;
    }
}

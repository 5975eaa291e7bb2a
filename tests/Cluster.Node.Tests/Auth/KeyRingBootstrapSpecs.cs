using System.Xml.Linq;
using CallCenter.Node.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallCenter.Node.Tests.Auth;

/// <summary>
/// A first deployment: web nodes starting together on a PostgreSQL with no key yet (a <see cref="ScratchSchema"/>)
/// agree on one key, so a cookie from any of them works on every other from the start. Each node here is its own
/// Data Protection container over its own store, as in separate pods.
/// </summary>
public sealed class KeyRingBootstrapSpecs : IAsyncLifetime
{
    private const int Nodes = 3;

    /// <summary>Reading the table this slowly lets every node read it empty unless the start-up lock keeps them apart.</summary>
    private static readonly TimeSpan SlowRead = TimeSpan.FromMilliseconds(300);

    private readonly List<SignInStateStore> _stores = [];
    private readonly List<ServiceProvider> _containers = [];
    private ScratchSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await ScratchSchema.CreateAsync();

    [Fact]
    public async Task Nodes_starting_together_on_an_empty_key_table_should_create_one_key_and_read_each_others_payloads()
    {
        var nodes = Enumerable.Range(0, Nodes).Select(_ => Node()).ToList();

        await Task.WhenAll(nodes.Select(node => Task.Run(() => node.Startup.StartAsync(CancellationToken.None))));

        Assert.Single(await KeyRing.NamesOnPostgresAsync(_schema.ConnectionString));
        for (var i = 0; i < Nodes; i++)
        {
            var payload = nodes[i].Protector.Protect("signed in on " + i);
            Assert.Equal("signed in on " + i, nodes[(i + 1) % Nodes].Protector.Unprotect(payload));
        }
    }

    private (KeyRingStartup Startup, IDataProtector Protector) Node()
    {
        var store = SignInStateStore.For(_schema.Persistence);
        store.EnsureCreated();
        _stores.Add(store);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName(AuthSetup.DataProtectionApplicationName);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new SlowReads(new DataProtectionKeyTable(store, TimeProvider.System)));
        var container = services.BuildServiceProvider();
        _containers.Add(container);
        var provider = container.GetRequiredService<IDataProtectionProvider>();
        return (new KeyRingStartup(store, provider, NullLogger<KeyRingStartup>.Instance), provider.CreateProtector("spec"));
    }

    private sealed class SlowReads(IXmlRepository inner) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            var elements = inner.GetAllElements();
            Thread.Sleep(SlowRead);
            return elements;
        }

        public void StoreElement(XElement element, string friendlyName) => inner.StoreElement(element, friendlyName);
    }

    public async Task DisposeAsync()
    {
        foreach (var container in _containers)
            await container.DisposeAsync();
        foreach (var store in _stores)
            await store.DisposeAsync();
        await _schema.DisposeAsync();
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CallCenter.Integration.Tests.Cluster;

/// <summary>
/// A network namespace for one node, joined to the test's namespace by two veth pairs, each its own /30 in
/// 10.77.x.0/29: the cluster link (Akka remoting and the node's HTTP) and the database link (the node's PostgreSQL
/// traffic, through a <see cref="TcpRelay"/>). <see cref="CutClusterLinkAsync"/> takes the cluster link's outer end down:
/// from then on no packet crosses it either way, as when a switch port dies, while the database link stays up.
/// Names carry a random id (<c>ccpart-1a2b3c</c>, links <c>ccp1a2b3cc0</c>); everything is deleted on dispose, and
/// what a crashed earlier run left behind is deleted before a new one is made.
/// </summary>
public sealed partial class NetworkPartition : IAsyncDisposable
{
    private const string NamespacePrefix = "ccpart-";
    private const string LinkPrefix = "ccp";

    /// <summary>Longer than any run of the partition spec: a namespace this old belongs to a run that crashed.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    private readonly string _id;
    private readonly int _subnet;

    private NetworkPartition(string id, int subnet)
    {
        _id = id;
        _subnet = subnet;
    }

    /// <summary>The namespace's name, for <c>ip netns exec</c>.</summary>
    public string Namespace => NamespacePrefix + _id;

    /// <summary>The test's end of the cluster link: the other nodes bind their remoting here.</summary>
    public string OutsideClusterAddress => $"10.77.{_subnet}.1";

    /// <summary>The namespaced node's address: its remoting and HTTP.</summary>
    public string InsideClusterAddress => $"10.77.{_subnet}.2";

    /// <summary>The test's end of the database link, where the relay to PostgreSQL listens.</summary>
    public string OutsideDatabaseAddress => $"10.77.{_subnet}.5";

    private string InsideDatabaseAddress => $"10.77.{_subnet}.6";

    private string ClusterLink => $"{LinkPrefix}{_id}c";

    private string DatabaseLink => $"{LinkPrefix}{_id}d";

    /// <summary>Deletes what crashed runs left, then makes the namespace and both links, up.</summary>
    public static async Task<NetworkPartition> CreateAsync()
    {
        await RemoveStaleAsync();
        var id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]);
        var partition = new NetworkPartition(id, Random.Shared.Next(256));
        try
        {
            await IpAsync("netns", "add", partition.Namespace);
            await partition.InsideAsync("link", "set", "lo", "up");
            await partition.LinkAsync(partition.ClusterLink, partition.OutsideClusterAddress, partition.InsideClusterAddress);
            await partition.LinkAsync(partition.DatabaseLink, partition.OutsideDatabaseAddress, partition.InsideDatabaseAddress);
            return partition;
        }
        catch
        {
            await partition.DisposeAsync();
            throw;
        }
    }

    /// <summary>The partition: the cluster link's outer end goes down; the namespaced node can reach no other node.</summary>
    public Task CutClusterLinkAsync() => IpAsync("link", "set", ClusterLink + "0", "down");

    /// <summary>A veth pair <c>{name}0</c> (here, <paramref name="outside"/>/30) and <c>{name}1</c> (inside, <paramref name="inside"/>/30).</summary>
    private async Task LinkAsync(string name, string outside, string inside)
    {
        await IpAsync("link", "add", name + "0", "type", "veth", "peer", "name", name + "1");
        await IpAsync("link", "set", name + "1", "netns", Namespace);
        await IpAsync("addr", "add", outside + "/30", "dev", name + "0");
        await IpAsync("link", "set", name + "0", "up");
        await InsideAsync("addr", "add", inside + "/30", "dev", name + "1");
        await InsideAsync("link", "set", name + "1", "up");
    }

    private Task InsideAsync(params string[] arguments) => IpAsync(["-n", Namespace, .. arguments]);

    /// <summary>
    /// Ends what is left in the namespace (the node's process, if the test could not), then deletes the links (deleting
    /// one end of a veth pair deletes both) and the namespace. Errors are ignored: part of it may never have been made.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await KillInsideAsync(Namespace);
        foreach (var link in new[] { ClusterLink + "0", DatabaseLink + "0" })
            await TryIpAsync("link", "del", link);
        await TryIpAsync("netns", "del", Namespace);
    }

    /// <summary>Namespaces of crashed runs (older than <see cref="StaleAfter"/>), their processes and links.</summary>
    private static async Task RemoveStaleAsync()
    {
        var live = new HashSet<string>();
        foreach (var path in Directory.Exists("/run/netns") ? Directory.GetFiles("/run/netns", NamespacePrefix + "*") : [])
        {
            var name = Path.GetFileName(path);
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < StaleAfter)
            {
                live.Add(name[NamespacePrefix.Length..]);
                continue;
            }
            await KillInsideAsync(name);
            await TryIpAsync("netns", "del", name);
        }
        var (_, links) = await RunIpAsync("-o", "link", "show");
        foreach (Match link in OurLink().Matches(links))
            if (!live.Contains(link.Groups["id"].Value))
                await TryIpAsync("link", "del", link.Groups["name"].Value);
    }

    [GeneratedRegex($@"^\d+: (?<name>{LinkPrefix}(?<id>[0-9a-f]{{6}})[cd]0)[@:]", RegexOptions.Multiline)]
    private static partial Regex OurLink();

    /// <summary><c>kill -9</c> each process of the namespace: only this spec's nodes ever run in one.</summary>
    private static async Task KillInsideAsync(string networkNamespace)
    {
        var (exit, pids) = await RunIpAsync("netns", "pids", networkNamespace);
        if (exit != 0)
            return;
        foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            try { Process.GetProcessById(int.Parse(pid)).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
    }

    private static async Task IpAsync(params string[] arguments)
    {
        var (exit, output) = await RunIpAsync(arguments);
        if (exit != 0)
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({exit}): {output}");
    }

    private static Task TryIpAsync(params string[] arguments) => RunIpAsync(arguments);

    /// <summary>Runs <c>ip</c> (iproute2; the tests run as root) and returns its exit code and output, within 10 s.</summary>
    private static async Task<(int Exit, string Output)> RunIpAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return (process.ExitCode, await output + await errors);
    }
}

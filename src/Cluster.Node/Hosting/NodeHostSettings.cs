namespace CallCenter.Node.Hosting;

/// <summary>Host settings every node process starts with.</summary>
public static class NodeHostSettings
{
    /// <summary>
    /// Turns off reloading configuration files on change. The reload watches the content root
    /// (the repository root for <c>dotnet run</c>), where the SQLite journal and its write-ahead log
    /// change hundreds of times a second: measured at ~11% of the node's CPU under load. The node
    /// reads its configuration once at start-up anyway. A command-line
    /// <c>--hostBuilder:reloadConfigOnChange=true</c> still wins.
    /// </summary>
    public static string[] WithoutConfigReload(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];
}

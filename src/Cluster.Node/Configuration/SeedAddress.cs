namespace CallCenter.Node.Configuration;

/// <summary>Turns a configured seed (<c>host:port</c> or a full Akka address) into a full Akka address.</summary>
public static class SeedAddress
{
    private const string Scheme = "akka.tcp";

    /// <summary>The full <c>akka.tcp://callcenter@host:port</c> address, or null when <paramref name="seed"/> is malformed.</summary>
    public static string? TryNormalize(string seed)
    {
        var text = seed.Contains("://", StringComparison.Ordinal)
            ? seed
            : $"{Scheme}://{NodeClusterOptions.ActorSystemName}@{seed}";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme != Scheme
            || uri.UserInfo != NodeClusterOptions.ActorSystemName
            || string.IsNullOrEmpty(uri.Host)
            || uri.Port <= 0
            || uri.AbsolutePath != "/")
            return null;
        return $"{Scheme}://{NodeClusterOptions.ActorSystemName}@{uri.Host}:{uri.Port}";
    }
}

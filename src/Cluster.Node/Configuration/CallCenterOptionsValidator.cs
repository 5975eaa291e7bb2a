namespace CallCenter.Node.Configuration;

/// <summary>Checks values that parsed but make no sense; each message names the key to fix.</summary>
public static class CallCenterOptionsValidator
{
    public static IReadOnlyList<string> Validate(CallCenterOptions options)
    {
        var errors = new List<string>();

        if (!Uri.TryCreate(options.Http.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            errors.Add($"CallCenter:Http:Url must be an absolute http(s) URL such as http://127.0.0.1:8080, got '{options.Http.Url}'.");

        var cluster = options.Cluster;
        if (string.IsNullOrWhiteSpace(cluster.Hostname))
            errors.Add("CallCenter:Cluster:Hostname must not be empty.");
        if (cluster.Port is < 0 or > 65535)
            errors.Add($"CallCenter:Cluster:Port must be between 0 and 65535, got {cluster.Port}.");
        foreach (var seed in cluster.Seeds.Where(s => SeedAddress.TryNormalize(s) is null))
            errors.Add($"CallCenter:Cluster:Seeds has '{seed}': expected host:port or akka.tcp://{NodeClusterOptions.ActorSystemName}@host:port.");
        if (cluster.Roles.Count == 0)
            errors.Add($"CallCenter:Cluster:Roles must name at least one of {string.Join(", ", NodeRoles.All)}.");
        foreach (var role in cluster.Roles.Where(r => !NodeRoles.All.Contains(r)))
            errors.Add($"CallCenter:Cluster:Roles has unknown role '{role}': expected {string.Join(", ", NodeRoles.All)}.");

        if (cluster.AcceptableHeartbeatPauseMilliseconds is < 500 or > 60_000)
            errors.Add($"CallCenter:Cluster:AcceptableHeartbeatPauseMilliseconds must be between 500 and 60000, got {cluster.AcceptableHeartbeatPauseMilliseconds}.");
        if (cluster.StableAfterMilliseconds is < 1000 or > 300_000)
            errors.Add($"CallCenter:Cluster:StableAfterMilliseconds must be between 1000 and 300000, got {cluster.StableAfterMilliseconds}.");
        if (cluster.DownRemovalMarginMilliseconds is < 0 or > 300_000)
            errors.Add($"CallCenter:Cluster:DownRemovalMarginMilliseconds must be between 0 (same as StableAfterMilliseconds) and 300000, "
                + $"got {cluster.DownRemovalMarginMilliseconds}.");

        if (options.Shutdown.GracePeriodSeconds is < 0 or > 3600)
            errors.Add($"CallCenter:Shutdown:GracePeriodSeconds must be between 0 and 3600, got {options.Shutdown.GracePeriodSeconds}.");

        var persistence = options.Persistence;
        if (persistence.Provider == PersistenceProvider.Postgres && string.IsNullOrWhiteSpace(persistence.ConnectionString))
            errors.Add("CallCenter:Persistence:ConnectionString is required when CallCenter:Persistence:Provider is 'postgres'.");
        if (persistence.Provider == PersistenceProvider.Sqlite && string.IsNullOrWhiteSpace(persistence.DataDirectory))
            errors.Add("CallCenter:Persistence:DataDirectory must not be empty.");

        if (string.IsNullOrWhiteSpace(options.Definition.Path))
            errors.Add("CallCenter:Definition:Path must not be empty.");

        if (string.IsNullOrWhiteSpace(options.Media.PromptsPath))
            errors.Add("CallCenter:Media:PromptsPath must not be empty.");
        if (string.IsNullOrWhiteSpace(options.Media.RecordingsPath))
            errors.Add("CallCenter:Media:RecordingsPath must not be empty.");

        if (options.Api.Key is { } key && key.Length < Auth.AuthSchemes.MinApiKeyLength)
            errors.Add($"CallCenter:Api:Key must be at least {Auth.AuthSchemes.MinApiKeyLength} characters (got {key.Length}); "
                + "leave it unset to accept no key.");

        var sip = options.Sip;
        if (!System.Net.IPAddress.TryParse(sip.Address, out _))
            errors.Add($"CallCenter:Sip:Address must be an IP address such as 127.0.0.1, got '{sip.Address}'.");
        if (sip.Port is < 0 or > 65535)
            errors.Add($"CallCenter:Sip:Port must be between 0 and 65535, got {sip.Port}.");
        if (string.IsNullOrWhiteSpace(sip.Realm))
            errors.Add("CallCenter:Sip:Realm must not be empty.");
        if (sip.DigestAlgorithms.Count == 0)
            errors.Add("CallCenter:Sip:DigestAlgorithms must name SHA-256, MD5 or both.");
        if (!System.Net.IPAddress.TryParse(sip.RtpAddress, out _))
            errors.Add($"CallCenter:Sip:RtpAddress must be an IP address such as 127.0.0.1, got '{sip.RtpAddress}'.");
        if (sip.RtpFirstPort is < 1024 or > 65534 || sip.RtpLastPort is < 1025 or > 65535 || sip.RtpLastPort <= sip.RtpFirstPort)
            errors.Add($"CallCenter:Sip:RtpFirstPort..RtpLastPort must be a range within 1024-65535, got {sip.RtpFirstPort}..{sip.RtpLastPort}.");
        if (sip.ProbeAfterSilenceSeconds < 1)
            errors.Add($"CallCenter:Sip:ProbeAfterSilenceSeconds must be at least 1, got {sip.ProbeAfterSilenceSeconds}.");
        foreach (var algorithm in sip.DigestAlgorithms.Where(a => CallCenter.Gateway.Sip.Auth.Digest.Parse(a) is null))
            errors.Add($"CallCenter:Sip:DigestAlgorithms has unknown algorithm '{algorithm}': expected SHA-256 or MD5.");

        return errors;
    }
}

using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CallCenter.Node.Configuration;

/// <summary>
/// Reads <see cref="CallCenterOptions"/> from the <c>CallCenter</c> section and validates it.
/// Read by hand rather than with the binder so that every bad value gets a message naming its key,
/// and so that lists accept both indexed keys (<c>CALLCENTER__CLUSTER__SEEDS__0</c>) and one
/// comma-separated value (<c>CALLCENTER__CLUSTER__SEEDS=10.0.0.1:4053,10.0.0.2:4053</c>).
/// </summary>
public static class CallCenterOptionsReader
{
    /// <summary>Reads and validates; throws <see cref="StartupException"/> listing every problem found.</summary>
    public static CallCenterOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(CallCenterOptions.SectionName);
        var errors = new List<string>();
        var defaults = CallCenterOptions.Defaults;

        var options = new CallCenterOptions(
            new HttpOptions { Url = String(section, "Http:Url") ?? defaults.Http.Url },
            new NodeClusterOptions
            {
                Hostname = String(section, "Cluster:Hostname") ?? defaults.Cluster.Hostname,
                Port = Int(section, "Cluster:Port", errors) ?? defaults.Cluster.Port,
                Seeds = List(section, "Cluster:Seeds") ?? defaults.Cluster.Seeds,
                Roles = List(section, "Cluster:Roles") ?? defaults.Cluster.Roles,
                AcceptableHeartbeatPauseMilliseconds = Int(section, "Cluster:AcceptableHeartbeatPauseMilliseconds", errors)
                    ?? defaults.Cluster.AcceptableHeartbeatPauseMilliseconds,
                StableAfterMilliseconds = Int(section, "Cluster:StableAfterMilliseconds", errors) ?? defaults.Cluster.StableAfterMilliseconds,
                DownRemovalMarginMilliseconds = Int(section, "Cluster:DownRemovalMarginMilliseconds", errors)
                    ?? defaults.Cluster.DownRemovalMarginMilliseconds,
            },
            new PersistenceOptions
            {
                Provider = Provider(section, "Persistence:Provider", errors) ?? defaults.Persistence.Provider,
                ConnectionString = String(section, "Persistence:ConnectionString"),
                DataDirectory = String(section, "Persistence:DataDirectory") ?? defaults.Persistence.DataDirectory,
            },
            new DefinitionOptions { Path = String(section, "Definition:Path") ?? defaults.Definition.Path },
            new ApiOptions { Key = String(section, "Api:Key") },
            new SipOptions
            {
                Address = String(section, "Sip:Address") ?? defaults.Sip.Address,
                Port = Int(section, "Sip:Port", errors) ?? defaults.Sip.Port,
                Realm = String(section, "Sip:Realm") ?? defaults.Sip.Realm,
                DigestAlgorithms = List(section, "Sip:DigestAlgorithms") ?? defaults.Sip.DigestAlgorithms,
                RtpAddress = String(section, "Sip:RtpAddress") ?? defaults.Sip.RtpAddress,
                RtpFirstPort = Int(section, "Sip:RtpFirstPort", errors) ?? defaults.Sip.RtpFirstPort,
                RtpLastPort = Int(section, "Sip:RtpLastPort", errors) ?? defaults.Sip.RtpLastPort,
                ProbeAfterSilenceSeconds = Int(section, "Sip:ProbeAfterSilenceSeconds", errors) ?? defaults.Sip.ProbeAfterSilenceSeconds,
            },
            new MediaOptions
            {
                PromptsPath = String(section, "Media:PromptsPath") ?? defaults.Media.PromptsPath,
                RecordingsPath = String(section, "Media:RecordingsPath") ?? defaults.Media.RecordingsPath,
            },
            new ShutdownOptions
            {
                GracePeriodSeconds = Int(section, "Shutdown:GracePeriodSeconds", errors) ?? defaults.Shutdown.GracePeriodSeconds,
            });

        errors.AddRange(CallCenterOptionsValidator.Validate(options));
        if (errors.Count > 0)
            throw new StartupException(
                "Invalid configuration (section CallCenter):" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e)));
        return options;
    }

    private static string Key(string key) => $"{CallCenterOptions.SectionName}:{key}";

    private static string? String(IConfiguration section, string key) =>
        string.IsNullOrWhiteSpace(section[key]) ? null : section[key]!.Trim();

    private static int? Int(IConfiguration section, string key, List<string> errors)
    {
        var text = String(section, key);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add($"{Key(key)} must be a whole number, got '{text}'.");
        return null;
    }

    private static PersistenceProvider? Provider(IConfiguration section, string key, List<string> errors)
    {
        var text = String(section, key);
        switch (text?.ToLowerInvariant())
        {
            case null: return null;
            case "sqlite": return PersistenceProvider.Sqlite;
            case "postgres" or "postgresql": return PersistenceProvider.Postgres;
            default:
                errors.Add($"{Key(key)} must be 'sqlite' or 'postgres', got '{text}'.");
                return null;
        }
    }

    private static IReadOnlyList<string>? List(IConfiguration section, string key)
    {
        var list = section.GetSection(key);
        var items = list.GetChildren().Select(c => c.Value).ToList();
        if (items.Count == 0 && list.Value is not null)
            items = [.. list.Value.Split(',')];
        var values = items.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
        return items.Count == 0 ? null : values;
    }
}

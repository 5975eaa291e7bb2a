namespace CallCenter.Gateway.Sip.Auth;

/// <summary>A user name and its password. The password never appears in <see cref="ToString"/> (so never in a log).</summary>
public sealed class SipCredential(string username, string password)
{
    public string Username { get; } = username;

    public string Password { get; } = password;

    public override string ToString() => $"SipCredential {{ Username = {Username}, Password = *** }}";
}

/// <summary>Where the registrar and the UAC find passwords (later: the agents' configuration).</summary>
public interface ISipCredentialProvider
{
    ValueTask<SipCredential?> FindAsync(string username, string realm, CancellationToken cancellationToken = default);
}

/// <summary>Credentials held in memory, one password per user name whatever the realm.</summary>
public sealed class InMemoryCredentialProvider(IEnumerable<SipCredential> credentials) : ISipCredentialProvider
{
    private readonly Dictionary<string, SipCredential> _byUser = credentials.ToDictionary(c => c.Username, StringComparer.Ordinal);

    public ValueTask<SipCredential?> FindAsync(string username, string realm, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_byUser.GetValueOrDefault(username));

    public override string ToString() => $"InMemoryCredentialProvider ({_byUser.Count} users)";
}

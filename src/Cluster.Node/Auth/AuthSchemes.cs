namespace CallCenter.Node.Auth;

/// <summary>The authentication schemes, headers and cookie of the API.</summary>
public static class AuthSchemes
{
    /// <summary>Picks <see cref="ApiKey"/> when the request carries <see cref="ApiKeyHeader"/>, else <see cref="Cookie"/>.</summary>
    public const string Default = "callcenter";

    /// <summary>Browsers: the cookie set by <c>POST /api/session</c>.</summary>
    public const string Cookie = "cookie";

    /// <summary>Tools, tests and benchmarks: the shared key of <c>CallCenter:Api:Key</c>.</summary>
    public const string ApiKey = "api-key";

    public const string ApiKeyHeader = "X-Api-Key";

    public const string CsrfHeader = "X-CSRF-Token";

    public const string SessionCookie = "callcenter.session";

    /// <summary>The name a key-authenticated request acts under.</summary>
    public const string ApiKeyUser = "api-key";

    /// <summary>A key this short could be guessed; start-up refuses it.</summary>
    public const int MinApiKeyLength = 16;
}

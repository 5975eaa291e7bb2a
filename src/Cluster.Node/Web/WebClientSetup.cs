using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace CallCenter.Node.Web;

/// <summary>
/// The thin web client: the sign-in page, the agent desktop and the supervisor wallboard, served as static
/// files to anyone (the API behind them decides who may see what).
/// </summary>
public static class WebClientSetup
{
    /// <summary>Configuration key of the folder the pages are served from; default: see <see cref="Root"/>.</summary>
    public const string RootKey = "CallCenter:Web:Root";

    /// <summary>
    /// Scripts, styles and connections only from this origin: a caller's name or an IVR value that slipped into
    /// the markup still could not run (the pages set data with <c>textContent</c> in the first place).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Serves the pages, <c>/</c> being <c>index.html</c>. Call before the API's routes.</summary>
    public static WebApplication UseCallCenterWebClient(this WebApplication app)
    {
        var root = Root(app.Configuration, app.Environment);
        if (!Directory.Exists(root))
        {
            app.Logger.LogWarning("No web client: the folder {Root} does not exist (set {Key})", root, RootKey);
            return app;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = context => AddHeaders(context.Context.Response) });
        return app;
    }

    /// <summary>
    /// <see cref="RootKey"/> when set; else <c>wwwroot</c> under the content root when it exists (the project folder
    /// in tests, a published node's folder); else the copy next to the assembly that the build makes (<c>dotnet run</c>
    /// runs in the repository root).
    /// </summary>
    public static string Root(IConfiguration configuration, IWebHostEnvironment environment)
    {
        if (configuration[RootKey] is { Length: > 0 } configured)
            return Path.GetFullPath(configured);
        var underContentRoot = Path.Combine(environment.ContentRootPath, "wwwroot");
        return Directory.Exists(underContentRoot) ? underContentRoot : Path.Combine(AppContext.BaseDirectory, "wwwroot");
    }

    /// <summary>
    /// Pages and scripts are revalidated on every load, so that a deployed fix reaches an agent's open desktop at
    /// the next reload rather than whenever a cache lets go.
    /// </summary>
    private static void AddHeaders(HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
            response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
    }
}

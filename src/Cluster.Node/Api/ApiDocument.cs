using CallCenter.Actors;
using CallCenter.Node.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CallCenter.Node.Api;

/// <summary>The OpenAPI document of the HTTP API, served at <see cref="Path"/>.</summary>
public static class ApiDocument
{
    public const string Path = "/openapi/v1.json";

    public const string Title = "CallCenter";

    /// <summary>The assembly's version (major.minor.patch), or "v1" when it has none.</summary>
    public static string Version => typeof(ApiDocument).Assembly.GetName().Version?.ToString(3) ?? "v1";

    public static IServiceCollection AddCallCenterOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = Title;
                document.Info.Version = Version;
                SecuritySchemes(document);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                SignInRequired(operation, context);
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer((schema, context, _) =>
            {
                TypedIdsAsStrings(schema, context);
                NumbersAsNumbers(schema);
                NullsOmitted(schema, context);
                SkillsAsNamesOrProficiencies(schema, context);
                return Task.CompletedTask;
            });
        });

    /// <summary>The two ways to authenticate: the session cookie of <c>POST /api/session</c>, and the API key.</summary>
    private static void SecuritySchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AuthSchemes.ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = AuthSchemes.ApiKeyHeader,
            Description = "The node's CallCenter:Api:Key: acts as an admin; no CSRF token needed.",
        };
        document.Components.SecuritySchemes[AuthSchemes.Cookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = AuthSchemes.SessionCookie,
            Description = $"Set by POST /api/session; POST, PUT and DELETE must also send {AuthSchemes.CsrfHeader} with the session's csrfToken.",
        };
    }

    /// <summary>Operations that need a signed-in caller accept either scheme.</summary>
    private static void SignInRequired(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
            return;
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AuthSchemes.ApiKey, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AuthSchemes.Cookie, context.Document)] = [] },
        ];
    }

    /// <summary>Typed ids have their own converter (plain strings), which the schema generator cannot see through.</summary>
    private static void TypedIdsAsStrings(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (IsTypedId(context.JsonTypeInfo.Type))
            schema.Type = JsonSchemaType.String;
        else if (schema.Type == JsonSchemaType.Array && schema.Items is null && IsTypedId(context.JsonTypeInfo.ElementType))
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
    }

    /// <summary>
    /// The web defaults would read numbers from strings, but no body is bound by the framework
    /// (JsonBody refuses <c>"5"</c>) and numbers are written as numbers.
    /// </summary>
    private static void NumbersAsNumbers(OpenApiSchema schema)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    /// <summary>Nulls are not written (<c>JsonIgnoreCondition.WhenWritingNull</c>): a nullable property is absent, never null.</summary>
    private static void NullsOmitted(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (schema.Required is { Count: > 0 } required)
            foreach (var property in context.JsonTypeInfo.Properties.Where(p => p.IsGetNullable))
                required.Remove(property.Name);
        if (schema.Enum is { } values && values.Any(v => v is null))
            schema.Enum = values.Where(v => v is not null).ToList();
    }

    /// <summary><see cref="JsonBody.Skills"/> takes a list of skill names or an object of skill to proficiency.</summary>
    private static void SkillsAsNamesOrProficiencies(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (context.JsonPropertyInfo is not { Name: "skills" } property || property.DeclaringType != typeof(CreateCallRequest))
            return;
        var names = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } };
        var proficiencies = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "5" },
        };
        schema.Type = null;
        schema.AdditionalProperties = null;
        schema.OneOf = [names, proficiencies];
    }

    private static bool IsTypedId(Type? type) => type == typeof(CallId) || type == typeof(AgentId) || type == typeof(QueueId);
}

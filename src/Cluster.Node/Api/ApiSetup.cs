using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Hosting;
using CallCenter.Actors.Definition;
using CallCenter.Node.Admin;
using CallCenter.Node.Auth;
using CallCenter.Node.Entities;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CallCenter.Node.Api;

/// <summary>The HTTP API's services and routes.</summary>
public static class ApiSetup
{
    /// <summary>Routing to entities, the definition in force and its application at start-up; JSON in camelCase with kebab-case enums; the OpenAPI document.</summary>
    public static WebApplicationBuilder AddCallCenterApi(this WebApplicationBuilder builder)
    {
        // The start-up definition is in force from the start (the SIP gateway's credentials, trunks and entry points).
        builder.Services.AddSingleton(sp => new ContactCenterDirectory(sp.GetService<ContactCenterDefinition>() ?? ContactCenterDefinition.Empty));
        builder.Services.AddSingleton<DefinitionAdministration>();
        builder.Services.AddHostedService<DefinitionChangeFollower>();
        builder.Services.AddSingleton<DefinitionApplier>();
        builder.Services.AddSingleton(sp => CallCenterEntities.Router(sp.GetRequiredService<ActorRegistry>(), sp.GetRequiredService<ActorSystem>()));
        builder.Services.AddHostedService<DefinitionStartup>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddCallCenterOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        });
        return builder;
    }

    /// <summary>The routes, and their OpenAPI document at <see cref="ApiDocument.Path"/>.</summary>
    public static WebApplication MapCallCenterApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapSessionApi();
        app.MapCallsApi();
        app.MapAgentsApi();
        app.MapReasonsApi();
        app.MapQueuesApi();
        app.MapCustomersApi();
        app.MapAdminApi();
        return app;
    }
}

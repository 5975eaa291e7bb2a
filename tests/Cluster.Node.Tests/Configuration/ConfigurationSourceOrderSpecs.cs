using CallCenter.Node.Configuration;
using Microsoft.AspNetCore.Builder;

namespace CallCenter.Node.Tests.Configuration;

/// <summary>Environment variables change the whole process, so these specs run alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>The default web builder's sources: appsettings.json, then CALLCENTER__ variables, then the command line.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class ConfigurationSourceOrderSpecs : IDisposable
{
    private readonly List<string> _variables = [];

    private void SetVariable(string name, string value)
    {
        _variables.Add(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose() => _variables.ForEach(name => Environment.SetEnvironmentVariable(name, null));

    [Fact]
    public void Options_should_read_CALLCENTER_double_underscore_environment_variables()
    {
        SetVariable("CALLCENTER__PERSISTENCE__PROVIDER", "postgres");
        SetVariable("CALLCENTER__PERSISTENCE__CONNECTIONSTRING", "Host=db.example;Database=callcenter");
        SetVariable("CALLCENTER__CLUSTER__SEEDS__0", "10.0.0.1:4053");

        var options = CallCenterOptionsReader.Read(WebApplication.CreateBuilder([]).Configuration);

        Assert.Equal(PersistenceProvider.Postgres, options.Persistence.Provider);
        Assert.Equal("Host=db.example;Database=callcenter", options.Persistence.ConnectionString);
        Assert.Equal(["10.0.0.1:4053"], options.Cluster.Seeds);
    }

    [Fact]
    public void Options_should_let_the_command_line_override_environment_variables()
    {
        SetVariable("CALLCENTER__CLUSTER__PORT", "4088");

        var options = CallCenterOptionsReader.Read(WebApplication.CreateBuilder(["--CallCenter:Cluster:Port=4099"]).Configuration);

        Assert.Equal(4099, options.Cluster.Port);
    }
}

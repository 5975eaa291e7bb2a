using CallCenter.Node.Configuration;
using Microsoft.Extensions.Configuration;

namespace CallCenter.Node.Tests.Configuration;

/// <summary>Reading the <c>CallCenter</c> section: defaults, every key, lists, and messages naming the key.</summary>
public sealed class CallCenterOptionsReaderSpecs
{
    private static CallCenterOptions Read(params (string Key, string Value)[] settings) =>
        CallCenterOptionsReader.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"CallCenter:{s.Key}", (string?)s.Value)))
            .Build());

    private static string Problem(params (string Key, string Value)[] settings) =>
        Assert.Throws<StartupException>(() => Read(settings)).Message;

    [Fact]
    public void Options_should_default_to_one_loopback_node_with_every_role_on_sqlite()
    {
        var options = Read();

        Assert.Equal("http://127.0.0.1:8080", options.Http.Url);
        Assert.Equal(("127.0.0.1", 4053), (options.Cluster.Hostname, options.Cluster.Port));
        Assert.Empty(options.Cluster.Seeds);
        Assert.Equal(["routing", "gateway", "web"], options.Cluster.Roles);
        Assert.Equal((PersistenceProvider.Sqlite, "data", null), (options.Persistence.Provider, options.Persistence.DataDirectory, options.Persistence.ConnectionString));
        Assert.Equal(Path.GetFullPath("data/callcenter.db"), options.Persistence.SqliteFilePath);
        Assert.Equal("config/callcenter.yaml", options.Definition.Path);
        Assert.Equal(("config/prompts", "data/recordings"), (options.Media.PromptsPath, options.Media.RecordingsPath));
        Assert.Null(options.Api.Key);
    }

    [Fact]
    public void Options_should_read_every_key_of_the_section()
    {
        var options = Read(
            ("Http:Url", "http://0.0.0.0:9090"),
            ("Cluster:Hostname", "10.0.0.5"),
            ("Cluster:Port", "5000"),
            ("Cluster:Seeds:0", "10.0.0.1:4053"),
            ("Cluster:Roles:0", "gateway"),
            ("Persistence:Provider", "postgres"),
            ("Persistence:ConnectionString", "Host=db"),
            ("Persistence:DataDirectory", "/var/lib/callcenter"),
            ("Definition:Path", "/etc/callcenter.yaml"),
            ("Media:PromptsPath", "/usr/share/callcenter/prompts"),
            ("Media:RecordingsPath", "/var/lib/callcenter/recordings"),
            ("Api:Key", "bench-key-0123456789"));

        Assert.Equal("http://0.0.0.0:9090", options.Http.Url);
        Assert.Equal(("10.0.0.5", 5000), (options.Cluster.Hostname, options.Cluster.Port));
        Assert.Equal(["10.0.0.1:4053"], options.Cluster.Seeds);
        Assert.Equal(["gateway"], options.Cluster.Roles);
        Assert.Equal((PersistenceProvider.Postgres, "Host=db", "/var/lib/callcenter"),
            (options.Persistence.Provider, options.Persistence.ConnectionString, options.Persistence.DataDirectory));
        Assert.Equal("/etc/callcenter.yaml", options.Definition.Path);
        Assert.Equal(("/usr/share/callcenter/prompts", "/var/lib/callcenter/recordings"), (options.Media.PromptsPath, options.Media.RecordingsPath));
        Assert.Equal("bench-key-0123456789", options.Api.Key);
    }

    [Fact]
    public void Options_should_accept_lists_as_one_comma_separated_value()
    {
        var options = Read(("Cluster:Seeds", "10.0.0.1:4053, 10.0.0.2:4053"), ("Cluster:Roles", "routing,web"));

        Assert.Equal(["10.0.0.1:4053", "10.0.0.2:4053"], options.Cluster.Seeds);
        Assert.Equal(["routing", "web"], options.Cluster.Roles);
    }

    [Fact]
    public void PostgreSQL_pool_should_be_limited_unless_the_connection_string_sets_its_own()
    {
        static int Pool(string connection) => new Npgsql.NpgsqlConnectionStringBuilder(
            Read(("Persistence:Provider", "postgres"), ("Persistence:ConnectionString", connection)).Persistence.PostgresConnectionString).MaxPoolSize;

        Assert.Equal(PersistenceOptions.DefaultMaxPoolSize, Pool("Host=db;Username=cc;Password=secret"));
        Assert.Equal(50, Pool("Host=db;Username=cc;Password=secret;Maximum Pool Size=50"));
    }

    [Fact]
    public void Connection_string_npgsql_cannot_read_should_stop_start_up_without_showing_it()
    {
        var options = Read(("Persistence:Provider", "postgres"), ("Persistence:ConnectionString", "Host=db;Password=secret;Colour=blue"));
        var problem = Assert.Throws<StartupException>(() => options.Persistence.PostgresConnectionString).Message;

        Assert.Contains("CallCenter:Persistence:ConnectionString is not a valid Npgsql connection string", problem);
        Assert.DoesNotContain("secret", problem);
    }

    [Fact]
    public void Options_should_name_the_key_of_an_unknown_provider()
    {
        Assert.Contains("CallCenter:Persistence:Provider must be 'sqlite' or 'postgres', got 'oracle'", Problem(("Persistence:Provider", "oracle")));
    }

    [Fact]
    public void Options_should_require_a_connection_string_for_postgres()
    {
        Assert.Contains("CallCenter:Persistence:ConnectionString is required", Problem(("Persistence:Provider", "postgres")));
    }

    [Fact]
    public void Options_should_default_to_failover_timings_that_bring_entities_back_within_10_s_and_a_20_s_drain()
    {
        var options = Read();

        Assert.Equal((1500, 2000, 1000), (options.Cluster.AcceptableHeartbeatPauseMilliseconds, options.Cluster.StableAfterMilliseconds,
            options.Cluster.DownRemovalMarginMilliseconds));
        Assert.Equal(20, options.Shutdown.GracePeriodSeconds);
        Assert.Equal(TimeSpan.FromSeconds(35), options.Shutdown.HostShutdownTimeout);
    }

    [Fact]
    public void Options_should_read_the_failover_timings_and_the_grace_period()
    {
        var options = Read(
            ("Cluster:AcceptableHeartbeatPauseMilliseconds", "3000"),
            ("Cluster:StableAfterMilliseconds", "7000"),
            ("Cluster:DownRemovalMarginMilliseconds", "0"),
            ("Shutdown:GracePeriodSeconds", "120"));

        Assert.Equal((3000, 7000, 0), (options.Cluster.AcceptableHeartbeatPauseMilliseconds, options.Cluster.StableAfterMilliseconds,
            options.Cluster.DownRemovalMarginMilliseconds));
        Assert.Equal(TimeSpan.FromSeconds(135), options.Shutdown.HostShutdownTimeout);
    }

    [Theory]
    [InlineData("Cluster:AcceptableHeartbeatPauseMilliseconds", "100", "must be between 500 and 60000, got 100")]
    [InlineData("Cluster:StableAfterMilliseconds", "500", "must be between 1000 and 300000, got 500")]
    [InlineData("Cluster:DownRemovalMarginMilliseconds", "-1", "must be between 0 (same as StableAfterMilliseconds) and 300000, got -1")]
    [InlineData("Shutdown:GracePeriodSeconds", "soon", "must be a whole number, got 'soon'")]
    [InlineData("Shutdown:GracePeriodSeconds", "-5", "must be between 0 and 3600, got -5")]
    public void Options_should_name_the_key_of_a_failover_timing_or_grace_period_out_of_range(string key, string value, string reason) =>
        Assert.Contains($"CallCenter:{key} {reason}", Problem((key, value)));

    [Fact]
    public void Options_should_name_the_key_of_a_port_that_is_not_a_number()
    {
        Assert.Contains("CallCenter:Cluster:Port must be a whole number, got 'http'", Problem(("Cluster:Port", "http")));
    }

    [Fact]
    public void Options_should_list_every_problem_at_once()
    {
        var message = Problem(
            ("Http:Url", "localhost"),
            ("Cluster:Port", "70000"),
            ("Cluster:Seeds:0", "not a seed"),
            ("Cluster:Roles", "routing,billing"));

        Assert.Contains("CallCenter:Http:Url must be an absolute http(s) URL", message);
        Assert.Contains("CallCenter:Cluster:Port must be between 0 and 65535, got 70000", message);
        Assert.Contains("CallCenter:Cluster:Seeds has 'not a seed'", message);
        Assert.Contains("CallCenter:Cluster:Roles has unknown role 'billing'", message);
    }

    [Theory]
    [InlineData("10.0.0.1:4053", "akka.tcp://callcenter@10.0.0.1:4053")]
    [InlineData("routing-0.routing:4053", "akka.tcp://callcenter@routing-0.routing:4053")]
    [InlineData("akka.tcp://callcenter@10.0.0.1:4053", "akka.tcp://callcenter@10.0.0.1:4053")]
    [InlineData("akka.tcp://callcenter@10.0.0.1:4053/", "akka.tcp://callcenter@10.0.0.1:4053")]
    public void Seed_should_become_a_full_akka_address(string seed, string address)
    {
        Assert.Equal(address, SeedAddress.TryNormalize(seed));
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("akka.tcp://other-system@10.0.0.1:4053")]
    [InlineData("http://10.0.0.1:4053")]
    public void Seed_should_be_rejected_without_port_or_with_another_system_or_scheme(string seed)
    {
        Assert.Null(SeedAddress.TryNormalize(seed));
    }
}

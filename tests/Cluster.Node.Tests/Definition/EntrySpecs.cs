using System.Net;
using CallCenter.Node.Definition;

namespace CallCenter.Node.Tests.Definition;

/// <summary>Trunks (who may send calls) and entry points (which number leads where) in the definition.</summary>
public sealed class EntrySpecs
{
    private const string File = "config/test.yaml";

    private const string Queues = """
        skills: [billing, spanish]
        queues:
          - name: billing
          - name: spanish
        """;

    [Fact]
    public void Loader_should_read_trunks_as_cidr_ranges_and_tell_which_sources_they_allow()
    {
        var definition = ContactCenterDefinitionLoader.Parse(Queues + """

            trunks:
              - name: carrier
                addresses: [192.0.2.10, 198.51.100.0/24, "2001:db8::/32"]
            """, File);

        var trunk = Assert.Single(definition.Trunks);
        Assert.Equal(["192.0.2.10/32", "198.51.100.0/24", "2001:db8::/32"], trunk.Addresses);
        Assert.Same(trunk, definition.TrunkFor(IPAddress.Parse("198.51.100.77")));
        Assert.Same(trunk, definition.TrunkFor(IPAddress.Parse("::ffff:192.0.2.10")));
        Assert.Null(definition.TrunkFor(IPAddress.Parse("192.0.2.11")));
    }

    [Fact]
    public void Loader_should_read_entry_points_with_queue_priority_and_skills()
    {
        var definition = ContactCenterDefinitionLoader.Parse(Queues + """

            entryPoints:
              - {number: "+34910000400", queue: spanish, priority: 10, skills: {spanish: 4}}
              - {number: "100", queue: billing}
            """, File);

        var spanish = definition.EntryPointFor("+34910000400")!;
        Assert.Equal(("spanish", 10, 4), (spanish.Queue, spanish.Priority, spanish.Skills["spanish"]));
        Assert.Equal(("billing", 0), (definition.EntryPointFor("100")!.Queue, definition.EntryPointFor("100")!.Priority));
        Assert.Null(definition.EntryPointFor("999"));
    }

    private const string Flow = """

        flows:
          - {name: main, start: bye, steps: [{id: bye, hangup: true}]}
        """;

    [Fact]
    public void Loader_should_read_an_entry_point_leading_to_a_flow()
    {
        var definition = ContactCenterDefinitionLoader.Parse(Queues + Flow + """

            entryPoints:
              - {number: "200", flow: main, priority: 5}
            """, File);

        var entry = definition.EntryPointFor("200")!;
        Assert.Equal(("main", null, 5), (entry.Flow, entry.Queue, entry.Priority));
    }

    [Theory]
    [InlineData("entryPoints:\n  - {number: \"1\", flow: mian}", "flow of entry point '1' refers to unknown flow 'mian' (flows: main)")]
    [InlineData("entryPoints:\n  - {number: \"1\", flow: main, queue: billing}", "entry point '1' must have exactly one of queue or flow")]
    [InlineData("entryPoints:\n  - {number: \"1\", priority: 5}", "entry point '1' must have exactly one of queue or flow")]
    public void Loader_should_name_the_line_of_an_entry_point_without_exactly_one_known_queue_or_flow(string yaml, string reason)
    {
        var error = Assert.Throws<DefinitionException>(() => ContactCenterDefinitionLoader.Parse(Queues + Flow + "\n" + yaml, File));

        Assert.Equal((File, 8), (error.File, error.Line));
        Assert.Contains(reason, error.Reason);
    }

    [Theory]
    [InlineData("trunks:\n  - name: t\n    addresses: [not-an-ip]", 7, "expected an IP address or a CIDR range")]
    [InlineData("trunks:\n  - name: t\n    addresses: []", 6, "needs at least one address")]
    [InlineData("trunks:\n  - {name: t, addresses: [127.0.0.1]}\n  - {name: t, addresses: [127.0.0.2]}", 7, "duplicate trunk name 't'")]
    [InlineData("entryPoints:\n  - {number: \"1\", queue: nowhere}", 6, "unknown queue 'nowhere'")]
    [InlineData("entryPoints:\n  - {number: \"1\", queue: billing}\n  - {number: \"1\", queue: spanish}", 7, "duplicate entry point number '1'")]
    [InlineData("entryPoints:\n  - {number: \"1\", queue: billing, priority: 101}", 6, "priority")]
    [InlineData("entryPoints:\n  - {number: \"1\", queue: billing, skills: {flying: 2}}", 6, "unknown skill 'flying'")]
    [InlineData("entryPoints:\n  - {number: \"1\", queue: billing, ivr: main}", 6, "ivr")]
    public void Loader_should_name_the_line_of_a_bad_trunk_or_entry_point(string yaml, int line, string reason)
    {
        var error = Assert.Throws<DefinitionException>(() => ContactCenterDefinitionLoader.Parse(Queues + "\n" + yaml, File));

        Assert.Equal(File, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
    }
}

using CallCenter.Actors.Definition;
using CallCenter.Node.Definition;

namespace CallCenter.Node.Tests.Definition;

/// <summary>The shipped <c>config/callcenter.yaml</c> loads and shows every feature.</summary>
public sealed class SampleDefinitionSpecs
{
    private static readonly ContactCenterDefinition Sample = ContactCenterDefinitionLoader.LoadFile(RepositoryFiles.SampleDefinition, RepositoryFiles.Prompts);

    [Fact]
    public void Sample_should_define_the_five_queues()
    {
        Assert.Equal(["billing", "sales", "support", "spanish", "general"], Sample.Queues.Select(q => q.Name));
    }

    [Fact]
    public void Sample_should_use_every_routing_strategy()
    {
        Assert.Equal(Enum.GetValues<RoutingStrategyKind>().Order(), Sample.Queues.Select(q => q.Strategy).Distinct().Order());
    }

    [Fact]
    public void Sample_should_use_both_kinds_of_overflow_and_the_queue_limits()
    {
        var rules = Sample.Queues.SelectMany(q => q.Overflow).ToList();
        Assert.Contains(rules, r => r.MinProficiency is not null);
        Assert.Contains(rules, r => r.MoveToQueue is not null);
        Assert.Contains(Sample.Queues, q => q.WhenFullOrTooLong is not null);
        Assert.Contains(Sample.Queues, q => q.MaxWaitingCalls is not null);
        Assert.Contains(Sample.Queues, q => q.MaxWaitSeconds is not null && q.WhenFullOrTooLong is null);
        Assert.Contains(Sample.Queues, q => !q.AutoReadyAfterWrapUp);
    }

    [Fact]
    public void Sample_should_staff_two_sites_with_a_supervisor_each_and_one_admin()
    {
        Assert.Equal(["london", "madrid"], Sample.Agents.Select(a => a.Site).Distinct().Order());
        Assert.InRange(Sample.Agents.Count, 10, 14);
        Assert.Equal(["london", "madrid"], Sample.Agents.Where(a => a.Role == AgentRole.Supervisor).Select(a => a.Site).Order());
        Assert.Single(Sample.Agents, a => a.Role == AgentRole.Admin);
    }

    [Fact]
    public void Sample_agents_should_sign_in_with_desk_and_their_id()
    {
        Assert.All(Sample.Agents, a => Assert.True(CallCenter.Node.Auth.PasswordHashes.Verify(a, $"desk-{a.Id}"), a.Id));
    }

    [Fact]
    public void Sample_should_have_someone_able_to_serve_every_queue()
    {
        foreach (var queue in Sample.Queues)
            Assert.Contains(Sample.Agents, a => a.Queues.Contains(queue.Name)
                && queue.RequiredSkills.All(s => a.Skills.GetValueOrDefault(s.Key) >= s.Value));
    }

    [Fact]
    public void Sample_should_lead_number_200_through_the_main_flow_and_keep_the_direct_numbers()
    {
        Assert.Equal(("main", null), (Sample.EntryPointFor("200")!.Flow, Sample.EntryPointFor("200")!.Queue));
        Assert.Equal(("general", null), (Sample.EntryPointFor("100")!.Queue, Sample.EntryPointFor("100")!.Flow));
        Assert.Equal(5, Sample.EntryPoints.Count(e => e.Queue is not null));
    }

    [Fact]
    public void Sample_flow_should_use_every_kind_of_step()
    {
        var main = Sample.FlowFor("main")!;

        var kinds = typeof(FlowStep).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(FlowStep)) && !t.IsAbstract);
        Assert.Equal(kinds.Select(k => k.Name).Order(), main.Steps.Select(s => s.GetType().Name).Distinct().Order());
    }

    [Fact]
    public void Sample_should_hold_callers_with_music_and_announcements_and_record_some_queues()
    {
        foreach (var name in new[] { "billing", "general" })
            Assert.Equal((QueueHold.DefaultMusic, 30), (Sample.QueueFor(name)!.Hold!.Music, Sample.QueueFor(name)!.Hold!.AnnounceEverySeconds));
        Assert.Contains(Sample.Queues, q => q.Recording is { Enabled: true });
    }
}

using CallCenter.Actors.Definition;
using CallCenter.Node.Definition;
using static CallCenter.Node.Tests.Definition.FlowYaml;

namespace CallCenter.Node.Tests.Definition;

/// <summary>A queue's <c>hold:</c> (what waiting callers hear) and <c>recording:</c>, with their defaults.</summary>
public sealed class QueueHoldSpecs
{
    private static QueueDefinition Queue(string settings) =>
        ContactCenterDefinitionLoader.Parse("queues:\n  - name: billing\n" + settings, FileName, RepositoryFiles.Prompts).Queues[0];

    [Fact]
    public void Loader_should_leave_a_queue_without_hold_or_recording_to_ringback_unrecorded()
    {
        var queue = Queue("");

        Assert.Null(queue.Hold);
        Assert.Null(queue.Recording);
    }

    [Fact]
    public void Loader_should_give_an_empty_hold_the_default_music_and_no_greeting_or_announcements()
    {
        var hold = Queue("    hold: {}\n").Hold!;

        Assert.Equal((QueueHold.DefaultMusic, null, false, false), (hold.Music, hold.AnnounceEverySeconds, hold.AnnouncePosition, hold.AnnounceWait));
        Assert.Empty(hold.Greeting);
    }

    [Fact]
    public void Loader_should_announce_position_and_wait_when_given_an_interval()
    {
        var hold = Queue("    hold: {greeting: [agents-busy], announceEverySeconds: 30}\n").Hold!;

        Assert.Equal(["agents-busy"], hold.Greeting);
        Assert.Equal((30, true, true), (hold.AnnounceEverySeconds, hold.AnnouncePosition, hold.AnnounceWait));
    }

    [Fact]
    public void Loader_should_let_a_hold_announce_only_the_wait()
    {
        var hold = Queue("    hold: {music: thank-you, announceEverySeconds: 45, announcePosition: false}\n").Hold!;

        Assert.Equal(("thank-you", 45, false, true), (hold.Music, hold.AnnounceEverySeconds, hold.AnnouncePosition, hold.AnnounceWait));
    }

    [Fact]
    public void Loader_should_name_the_line_of_an_announcement_flag_without_an_interval()
    {
        AssertAt(ErrorIn("queues:\n  - name: billing\n    hold:\n      announceWait: true\n"), 4,
            "hold of queue 'billing' announces nothing without announceEverySeconds");
    }

    [Fact]
    public void Loader_should_name_the_line_of_an_interval_announcing_nothing()
    {
        AssertAt(ErrorIn("queues:\n  - name: billing\n    hold:\n      announceEverySeconds: 30\n      announcePosition: false\n      announceWait: false\n"), 4,
            "hold of queue 'billing' announces every 30 s but neither position nor wait");
    }

    [Fact]
    public void Loader_should_name_the_line_of_an_unknown_hold_key()
    {
        AssertAt(ErrorIn("queues:\n  - name: billing\n    hold:\n      musicOnHold: hold-music\n"), 4,
            "unknown key 'musicOnHold' in hold of queue 'billing'");
    }

    [Fact]
    public void Loader_should_read_recording_true_as_recorded_without_announcement()
    {
        Assert.Equal(new QueueRecording(Enabled: true, Announcement: null), Queue("    recording: true\n").Recording);
    }

    [Fact]
    public void Loader_should_read_a_recording_with_an_announcement_as_enabled()
    {
        Assert.Equal(new QueueRecording(Enabled: true, Announcement: "welcome"), Queue("    recording: {announcement: welcome}\n").Recording);
    }

    [Fact]
    public void Loader_should_read_a_recording_turned_off()
    {
        Assert.Equal(new QueueRecording(Enabled: false, Announcement: null), Queue("    recording: {enabled: false}\n").Recording);
    }

    [Fact]
    public void Loader_should_name_the_line_of_a_recording_that_is_neither_a_flag_nor_a_mapping()
    {
        AssertAt(ErrorIn("queues:\n  - name: billing\n    recording: always\n"), 3,
            "recording of queue 'billing' must be true or false, got 'always'");
    }
}

using CallCenter.Actors;
using CallCenter.Actors.Calls;
using CallCenter.Gateway.Calls;

namespace CallCenter.Gateway.Tests.Calls;

public sealed class MediaStepsSpecs
{
    private static readonly CallId Call = new("call-1");

    [Fact]
    public void MediaSteps_should_start_a_newer_step_and_ignore_the_same_step_while_it_runs()
    {
        var steps = new MediaSteps();

        Assert.Equal(MediaStepDecision.Start, steps.Accept(1));
        Assert.Equal(MediaStepDecision.Ignore, steps.Accept(1));
        Assert.Equal(MediaStepDecision.Start, steps.Accept(3));
        Assert.Equal(3, steps.Current);
        Assert.True(steps.IsRunning(3));
        Assert.False(steps.IsRunning(1));
    }

    [Fact]
    public void MediaSteps_should_tell_again_how_a_finished_step_ended()
    {
        var steps = new MediaSteps();
        steps.Accept(2);
        var finished = new MediaFinished(Call, 2, MediaOutcome.Collected, "1234");

        Assert.True(steps.Finish(finished));
        Assert.Equal(MediaStepDecision.Repeat, steps.Accept(2));
        Assert.Equal(finished, steps.Finished);
        Assert.False(steps.Finish(finished with { Outcome = MediaOutcome.TimedOut }));
    }

    [Fact]
    public void MediaSteps_should_ignore_an_older_step_and_drop_its_late_answer()
    {
        var steps = new MediaSteps();
        steps.Accept(4);
        steps.Accept(5);

        Assert.Equal(MediaStepDecision.Ignore, steps.Accept(4));
        Assert.False(steps.Finish(new MediaFinished(Call, 4, MediaOutcome.Played)));
        Assert.True(steps.Finish(new MediaFinished(Call, 5, MediaOutcome.Played)));
        Assert.Equal(MediaStepDecision.Ignore, steps.Accept(4));
    }

    [Fact]
    public void MediaSteps_should_drop_the_answer_of_a_step_cut_short_by_a_bridge()
    {
        var steps = new MediaSteps();
        steps.Accept(7);

        steps.Interrupt();

        Assert.False(steps.IsRunning(7));
        Assert.False(steps.Finish(new MediaFinished(Call, 7, MediaOutcome.Played)));
        Assert.Equal(MediaStepDecision.Ignore, steps.Accept(7));
        Assert.Equal(MediaStepDecision.Start, steps.Accept(8));
    }
}

using Akka.Hosting;

namespace CallCenter.Node.Hosting;

/// <summary>Works around a recovery stall at start-up (akka.net issue 7130).</summary>
public static class SchedulerWarmUpExtensions
{
    /// <summary>
    /// About 1 in 10 fresh actor systems stalled 4-12 s at their first persistent recovery, threads
    /// blocked in the scheduler's start-up; scheduling any one-off timer right after start removed it
    /// (40 of 40 clean, FACTS.md). This schedules one that does nothing.
    /// </summary>
    public static AkkaConfigurationBuilder WithSchedulerWarmUp(this AkkaConfigurationBuilder builder) =>
        builder.AddStartup((system, _) => system.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(1), static () => { }));
}

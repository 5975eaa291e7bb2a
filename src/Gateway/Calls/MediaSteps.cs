using CallCenter.Actors.Calls;

namespace CallCenter.Gateway.Calls;

/// <summary>What to do with a media command, by its Seq against the step the caller is in.</summary>
public enum MediaStepDecision
{
    /// <summary>A newer step: it replaces whatever the caller hears.</summary>
    Start,

    /// <summary>The step being played again, or an older one: nothing changes.</summary>
    Ignore,

    /// <summary>The step that is already over: say again how it ended (<see cref="MediaSteps.Finished"/>).</summary>
    Repeat,
}

/// <summary>
/// The Seq rules of media commands (see MediaCommands.cs): a newer Seq replaces what plays; the same Seq while it runs
/// changes nothing, and once it is over its <see cref="MediaFinished"/> is told again (the entity restarted and resumes
/// its step); an older Seq, and an answer for a step that is not the current one, are stale.
/// </summary>
public sealed class MediaSteps
{
    private int? _current;
    private bool _running;

    /// <summary>The step the caller is in; null before the first media command.</summary>
    public int? Current => _current;

    /// <summary>How the current step ended; null while it runs, was stopped, or never ends by itself (hold).</summary>
    public MediaFinished? Finished { get; private set; }

    /// <summary>Decides about a command with <paramref name="seq"/>; on <see cref="MediaStepDecision.Start"/> it becomes the current step.</summary>
    public MediaStepDecision Accept(int seq)
    {
        if (_current is { } current && seq <= current)
            return seq == current && Finished is not null ? MediaStepDecision.Repeat : MediaStepDecision.Ignore;
        _current = seq;
        _running = true;
        Finished = null;
        return MediaStepDecision.Start;
    }

    /// <summary>Whether <paramref name="seq"/> is the step now running (a key press while holding belongs to it).</summary>
    public bool IsRunning(int seq) => _running && seq == _current;

    /// <summary>Keeps how the running step ended; false (tell nobody) when <paramref name="finished"/> is stale.</summary>
    public bool Finish(MediaFinished finished)
    {
        if (!IsRunning(finished.Seq))
            return false;
        _running = false;
        Finished = finished;
        return true;
    }

    /// <summary>The running step is cut short without an answer (an agent is bridged): its late answer is stale.</summary>
    public void Interrupt() => _running = false;
}

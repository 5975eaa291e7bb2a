using CallCenter.Actors.Definition;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Definition;

/// <summary>
/// Checks on a whole flow once its steps are read (and every reference names a step): each step is reached from the
/// start, and no loop runs without waiting for the caller (it would spin the call's entity forever).
/// </summary>
internal sealed class FlowChecks(YamlSource source, IvrFlowDefinition flow, IReadOnlyDictionary<string, YamlNode> nodes, string what)
{
    public void Check()
    {
        EveryStepReached();
        NoLoopWithoutWaiting();
    }

    private void EveryStepReached()
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { flow.Start };
        var pending = new Queue<string>([flow.Start]);
        while (pending.TryDequeue(out var id))
            foreach (var next in flow.Step(id)!.NextSteps.Where(reached.Add))
                pending.Enqueue(next);

        if (flow.Steps.FirstOrDefault(s => !reached.Contains(s.Id)) is { } lost)
            throw source.Fail(nodes[lost.Id], $"step '{lost.Id}' of {what} is never reached");
    }

    /// <summary>Steps that decide at once, without playing anything or waiting for a digit, a queue or a server.</summary>
    private static bool IsInstant(FlowStep step) => step is SetVariablesStep or SetPriorityStep or SetSkillsStep or BranchStep;

    /// <summary>A cycle through instant steps only, found by a depth-first walk; the first in file order is reported.</summary>
    private void NoLoopWithoutWaiting()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in flow.Steps.Where(IsInstant))
            if (LoopFrom(step, [], done) is { } loop)
                throw source.Fail(nodes[loop[0]], $"steps {string.Join(" -> ", loop)} loop without waiting for the caller");
    }

    /// <summary>The loop reachable from <paramref name="step"/> through instant steps (first step repeated last), or null.</summary>
    private List<string>? LoopFrom(FlowStep step, List<string> path, HashSet<string> done)
    {
        if (path.IndexOf(step.Id) is var start and >= 0)
            return [.. path[start..], step.Id];
        if (!IsInstant(step) || done.Contains(step.Id))
            return null;

        path.Add(step.Id);
        foreach (var next in step.NextSteps.Distinct())
            if (LoopFrom(flow.Step(next)!, path, done) is { } loop)
                return loop;
        path.RemoveAt(path.Count - 1);
        done.Add(step.Id);
        return null;
    }
}

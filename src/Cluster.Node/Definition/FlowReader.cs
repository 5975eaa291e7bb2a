using CallCenter.Actors.Definition;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Definition;

/// <summary>
/// Reads the entries of <c>flows:</c>. A flow's step ids are collected first, so that a step may lead to one further
/// down; then each step is read (<see cref="StepReader"/>) and the whole flow checked (<see cref="FlowChecks"/>).
/// </summary>
internal sealed class FlowReader(YamlSource source, KnownNames known, PromptFolder prompts)
{
    public const string NameKey = "name";

    public List<IvrFlowDefinition> ReadAll(IEnumerable<YamlNode> nodes)
    {
        var flows = new List<IvrFlowDefinition>();
        foreach (var node in nodes)
        {
            var name = source.Identity(node, NameKey, "a flow");
            if (flows.Any(f => f.Name == name))
                throw source.Fail(node, $"duplicate flow name '{name}'");
            flows.Add(Read(node, name));
        }
        return flows;
    }

    private IvrFlowDefinition Read(YamlNode node, string name)
    {
        var what = $"flow '{name}'";
        var fields = source.Fields(node, what, NameKey, "start", "steps");
        var stepNodes = source.Sequence(fields.Required("steps"), $"steps of {what}").Children;
        if (stepNodes.Count == 0)
            throw source.Fail(fields.Required("steps"), $"{what} needs at least one step");

        var names = new StepNames(source, StepIds(stepNodes, what), what);
        var start = names.Step(fields.Required("start"), $"start of {what}");
        var reader = new StepReader(source, known, prompts, names);
        var steps = stepNodes.Select(step => reader.Read(step, what)).ToList();

        var flow = new IvrFlowDefinition(name, start, steps);
        new FlowChecks(source, flow, steps.Zip(stepNodes, (step, stepNode) => (step.Id, stepNode)).ToDictionary(), what).Check();
        return flow;
    }

    /// <summary>The ids of a flow's steps, in file order; a duplicate fails at its second step.</summary>
    private List<string> StepIds(IEnumerable<YamlNode> stepNodes, string flow)
    {
        var ids = new List<string>();
        foreach (var node in stepNodes)
        {
            var id = source.Identity(node, StepReader.IdKey, $"a step of {flow}");
            if (ids.Contains(id, StringComparer.Ordinal))
                throw source.Fail(node, $"duplicate step id '{id}' in {flow}");
            ids.Add(id);
        }
        return ids;
    }
}

/// <summary>The step ids of one flow, to check a step's references (next, options, otherwise, cases, exit) against.</summary>
internal sealed class StepNames(YamlSource source, IReadOnlyList<string> ids, string flow)
{
    public string Step(YamlNode node, string what)
    {
        var id = source.Text(node, what);
        return ids.Contains(id, StringComparer.Ordinal)
            ? id
            : throw source.Fail(node, $"{what} refers to unknown step '{id}' (steps of {flow}: {string.Join(", ", ids)})");
    }
}

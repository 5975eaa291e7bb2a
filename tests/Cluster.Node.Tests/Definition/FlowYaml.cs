using CallCenter.Actors.Definition;
using CallCenter.Node.Definition;

namespace CallCenter.Node.Tests.Definition;

/// <summary>A definition with one flow, <c>main</c>, whose steps a spec writes; prompts come from the shipped folder.</summary>
internal static class FlowYaml
{
    public const string FileName = "config/test.yaml";

    private const string Header = """
        skills: [billing, sales]
        queues:
          - name: billing
          - name: sales
        flows:
          - name: main
            start: a
            steps:
        """;

    /// <summary>The file line of the <paramref name="n"/>th line (from 1) of a spec's steps.</summary>
    public static int StepLine(int n) => Header.Split('\n').Length + n;

    /// <summary>The whole file: <paramref name="steps"/> (a YAML list, unindented) as the steps of flow <c>main</c>, starting at step <c>a</c>.</summary>
    public static string With(string steps) =>
        Header + "\n" + string.Join("\n", steps.Split('\n').Select(line => "      " + line));

    public static ContactCenterDefinition Load(string steps) =>
        ContactCenterDefinitionLoader.Parse(With(steps), FileName, RepositoryFiles.Prompts);

    public static IvrFlowDefinition MainFlow(string steps) => Load(steps).FlowFor("main")!;

    public static DefinitionException Error(string steps) => ErrorIn(With(steps));

    public static DefinitionException ErrorIn(string yaml, string? prompts = null) =>
        Assert.Throws<DefinitionException>(() => ContactCenterDefinitionLoader.Parse(yaml, FileName, prompts ?? RepositoryFiles.Prompts));

    /// <summary>The error is at <paramref name="line"/> of <see cref="FileName"/> and gives <paramref name="reason"/>.</summary>
    public static void AssertAt(DefinitionException error, int line, string reason)
    {
        Assert.Equal(FileName, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
    }
}

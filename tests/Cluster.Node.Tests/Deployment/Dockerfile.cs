using System.Text.RegularExpressions;

namespace CallCenter.Node.Tests.Deployment;

/// <summary>One instruction of a Dockerfile: its keyword (upper case) and its arguments as written.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments)
{
    public IReadOnlyList<string> Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One <c>FROM</c> and what follows it.</summary>
internal sealed record DockerStage(string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);
}

/// <summary>The repository's <c>Dockerfile</c>, read as Docker reads it: comments dropped, continued lines joined, split into stages.</summary>
internal sealed partial record Dockerfile(IReadOnlyList<DockerStage> Stages)
{
    public static Dockerfile Read(string path)
    {
        var text = File.ReadAllText(path);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !l.TrimStart().StartsWith('#'));
        var instructions = Continuation().Replace(string.Join('\n', lines), " ").Split('\n')
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => l.Trim().Split(' ', 2))
            .Select(p => new DockerInstruction(p[0].ToUpperInvariant(), p.Length > 1 ? WhiteSpace().Replace(p[1].Trim(), " ") : ""));

        var stages = new List<DockerStage>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Words;
                stages.Add(new DockerStage(words[0], words is [_, var a, var name] && a.Equals("AS", StringComparison.OrdinalIgnoreCase) ? name : null, []));
            }
            else if (stages.Count > 0)
                stages[^1] = stages[^1] with { Instructions = [.. stages[^1].Instructions, instruction] };
            else if (instruction.Keyword != "ARG")
                throw new Xunit.Sdk.XunitException($"{path}: {instruction.Keyword} before the first FROM");
        }
        return new Dockerfile(stages);
    }

    /// <summary>The variables <c>ENV</c> sets, in the <c>NAME=value NAME2=value</c> form.</summary>
    public static IReadOnlyDictionary<string, string> Environment(DockerStage stage) =>
        stage.All("ENV").SelectMany(e => e.Words).Select(w => w.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    [GeneratedRegex(@"\\\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

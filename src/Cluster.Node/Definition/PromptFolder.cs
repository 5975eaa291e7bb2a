using CallCenter.Actors.Definition;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Definition;

/// <summary>
/// The folder prompt files are played from (<c>CallCenter:Media:PromptsPath</c>): a prompt the definition names must
/// be there as <c>name.wav</c>, so a typo stops start-up instead of silencing a caller mid-flow. Without a folder
/// (<paramref name="path"/> null) prompts are read but not looked for.
/// </summary>
internal sealed class PromptFolder(YamlSource source, string? path)
{
    public const string Extension = ".wav";

    /// <summary>Fails at <paramref name="node"/> unless <paramref name="prompt"/> (a file, not a value to say) is in the folder.</summary>
    public void Require(YamlNode node, string prompt, string what)
    {
        if (path is null || PromptValue.IsValue(prompt)) return;
        var file = Path.GetFullPath(Path.Combine(path, prompt + Extension));
        if (File.Exists(file)) return;
        var folder = Directory.Exists(path) ? "" : " (the prompts folder does not exist: set CallCenter:Media:PromptsPath)";
        throw source.Fail(node, $"{what} plays prompt '{prompt}', but {file} does not exist{folder}");
    }

    /// <summary>Checks every prompt of <paramref name="prompts"/>, each at its own item of the list node.</summary>
    public void RequireAll(YamlNode listNode, IEnumerable<string> prompts, string what)
    {
        foreach (var prompt in prompts.Distinct())
            Require(NodeOf(listNode, prompt), prompt, what);
    }

    /// <summary>The list item (anywhere under <paramref name="node"/>) naming <paramref name="prompt"/>, for its line.</summary>
    public static YamlNode NodeOf(YamlNode node, string prompt) =>
        node.AllNodes.OfType<YamlSequenceNode>().SelectMany(list => list.Children)
            .FirstOrDefault(item => item is YamlScalarNode scalar && scalar.Value?.Trim() == prompt)
        ?? node;
}

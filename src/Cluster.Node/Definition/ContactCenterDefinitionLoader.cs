using CallCenter.Actors.Definition;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Definition;

/// <summary>
/// Reads <c>config/callcenter.yaml</c> into a <see cref="ContactCenterDefinition"/>. Any mistake
/// (syntax, unknown key, wrong type, bad reference, duplicate, out-of-range value) is a
/// <see cref="DefinitionException"/> naming the file, line, column and reason.
/// </summary>
public static class ContactCenterDefinitionLoader
{
    /// <summary>
    /// Loads and checks the file at <paramref name="path"/>; every prompt it names must be a <c>.wav</c> file in
    /// <paramref name="promptsPath"/> (<c>CallCenter:Media:PromptsPath</c>).
    /// </summary>
    public static ContactCenterDefinition LoadFile(string path, string promptsPath) => Parse(ReadFile(path), path, promptsPath);

    /// <summary>The file's text; a <see cref="StartupException"/> naming the setting when it is missing.</summary>
    public static string ReadFile(string path) =>
        File.Exists(path)
            ? File.ReadAllText(path)
            : throw new StartupException($"Contact-center definition not found: {Path.GetFullPath(path)} (set CallCenter:Definition:Path).");

    /// <summary>
    /// Parses <paramref name="yaml"/>; <paramref name="fileName"/> is only used in messages. Prompts are looked for
    /// in <paramref name="promptsPath"/>; without one they are read but not looked for.
    /// </summary>
    public static ContactCenterDefinition Parse(string yaml, string fileName, string? promptsPath = null) =>
        Compose(yaml, fileName, promptsPath, []);

    /// <summary>
    /// Parses <paramref name="yaml"/> with <paramref name="changes"/> layered over it, in order: a change's queue or
    /// agent replaces the file's entry of the same name, or is added; a skill or reason is added. The whole is then
    /// checked as the file alone would be; a mistake in a change names the change and its field.
    /// </summary>
    public static ContactCenterDefinition Compose(string yaml, string fileName, string? promptsPath, IReadOnlyList<DefinitionChange> changes)
    {
        var source = new YamlSource(fileName);
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new DefinitionException(fileName, (int)e.Start.Line, (int)e.Start.Column, $"invalid YAML: {SyntaxReason(e)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (an unclosed [ or {):
            // the last event it parsed is the best position there is.
            var mark = parser.Current?.End ?? Mark.Empty;
            throw new DefinitionException(fileName, (int)mark.Line, (int)mark.Column,
                "invalid YAML: malformed or unclosed collection after this point");
        }

        if (stream.Documents.Count == 0)
            throw new DefinitionException(fileName, 1, 1, "the file is empty: expected skills, notReadyReasons, queues and agents");
        if (stream.Documents.Count > 1)
            throw source.Fail(stream.Documents[1].RootNode, "expected one YAML document, found several");

        var root = stream.Documents[0].RootNode;
        var origins = new ChangeOrigins();
        if (root is YamlMappingNode mapping)
            foreach (var change in changes)
                change.Layer(mapping, origins);
        source = new YamlSource(fileName, origins);
        return new DefinitionReader(source, new PromptFolder(source, promptsPath)).Read(root);
    }

    /// <summary>YamlDotNet prefixes its messages with the positions, which the exception already carries.</summary>
    private static string SyntaxReason(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0 ? message[(cut + 3)..] : message;
    }
}

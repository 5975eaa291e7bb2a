namespace CallCenter.Node.Definition;

/// <summary>
/// A mistake in the contact-center definition file; the message reads
/// <c>config/callcenter.yaml:12:7: unknown skill 'biling' ...</c> so an editor can jump to it.
/// </summary>
public sealed class DefinitionException(string file, int line, int column, string reason)
    : StartupException($"{file}:{line}:{column}: {reason}")
{
    public string File { get; } = file;
    /// <summary>1-based line of the offending node.</summary>
    public int Line { get; } = line;
    /// <summary>1-based column of the offending node.</summary>
    public int Column { get; } = column;
    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = reason;
}

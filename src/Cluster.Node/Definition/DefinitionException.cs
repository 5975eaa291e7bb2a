namespace CallCenter.Node.Definition;

/// <summary>
/// A mistake in the contact-center definition file; the message reads
/// <c>config/callcenter.yaml:12:7: unknown skill 'biling' ...</c> so an editor can jump to it. A mistake in an
/// administration change (see <see cref="DefinitionChange"/>) names the change and its <see cref="Field"/> instead.
/// </summary>
public sealed class DefinitionException : StartupException
{
    public DefinitionException(string file, int line, int column, string reason)
        : base($"{file}:{line}:{column}: {reason}") => (File, Line, Column, Reason) = (file, line, column, reason);

    public DefinitionException(string change, string field, string reason)
        : base(field.Length == 0 ? $"{change}: {reason}" : $"{change}, field '{field}': {reason}") =>
        (File, Field, Reason) = (change, field, reason);

    public string File { get; }
    /// <summary>1-based line of the offending node (0 in a change).</summary>
    public int Line { get; }
    /// <summary>1-based column of the offending node (0 in a change).</summary>
    public int Column { get; }
    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }
    /// <summary>In a change: the body's field at fault (<c>skills.billing</c>, <c>overflow[1].moveTo</c>); empty: the whole body.</summary>
    public string? Field { get; }
}

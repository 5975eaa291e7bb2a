using CallCenter.Actors.Definition;
using CallCenter.Node.Configuration;
using CallCenter.Node.Definition;

namespace CallCenter.Node.Admin;

/// <summary>
/// The definition file as read at start-up, and the administration changes layered over it. The file is kept as
/// read, so that an edit on disk takes effect at the next start, not half-way through an administrator's change.
/// </summary>
public sealed class DefinitionLayers
{
    private readonly string _fileYaml;
    private readonly string _filePath;
    private readonly string _promptsPath;
    private List<DefinitionChange> _changes;

    private DefinitionLayers(string fileYaml, string filePath, string promptsPath, IEnumerable<DefinitionChange> changes) =>
        (_fileYaml, _filePath, _promptsPath, _changes) = (fileYaml, filePath, promptsPath, [.. changes]);

    /// <summary>The changes in force, oldest first.</summary>
    public IReadOnlyList<DefinitionChange> Changes => _changes;

    /// <summary>
    /// Reads the file and the stored changes and composes them; any mistake is a <see cref="StartupException"/> (a
    /// stored change the file no longer accepts names the change and how to reset the changes).
    /// </summary>
    public static (DefinitionLayers Layers, ContactCenterDefinition Definition) Load(DefinitionOptions definition, MediaOptions media,
        DefinitionChangeStore store)
    {
        var fileYaml = ContactCenterDefinitionLoader.ReadFile(definition.Path);
        IReadOnlyList<DefinitionChange> changes;
        try
        {
            store.EnsureCreatedAsync().GetAwaiter().GetResult();
            changes = store.LoadAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException)
        {
            throw new StartupException($"Cannot read the administration changes from {store.Location}: {e.Message}");
        }
        var layers = new DefinitionLayers(fileYaml, definition.Path, media.PromptsPath, changes);
        try
        {
            return (layers, layers.Compose(layers._changes));
        }
        catch (DefinitionException e) when (e.Line == 0)
        {
            throw new StartupException(
                $"{e.Message} (an administration change stored in {store.Location}, which {definition.Path} no longer accepts: " +
                "change it through /api/admin, or reset every change by deleting that file or the table's rows)");
        }
    }

    /// <summary>The whole definition with <paramref name="change"/> in force; a <see cref="DefinitionException"/> if it does not hold.</summary>
    public ContactCenterDefinition With(DefinitionChange change) => Compose(Including(change));

    /// <summary>Keeps <paramref name="change"/> (once stored and checked by <see cref="With"/>).</summary>
    public void Accept(DefinitionChange change) => _changes = Including(change);

    /// <summary>Replaces every change by <paramref name="changes"/> (checked first: a <see cref="DefinitionException"/> keeps the current ones).</summary>
    public ContactCenterDefinition Take(IReadOnlyList<DefinitionChange> changes)
    {
        var definition = Compose(changes);
        _changes = [.. changes];
        return definition;
    }

    private List<DefinitionChange> Including(DefinitionChange change)
    {
        var changes = new List<DefinitionChange>(_changes);
        var index = changes.FindIndex(c => c.Kind == change.Kind && c.Key == change.Key);
        if (index >= 0)
            changes.RemoveAt(index);
        changes.Add(change);
        return changes;
    }

    private ContactCenterDefinition Compose(IReadOnlyList<DefinitionChange> changes) =>
        ContactCenterDefinitionLoader.Compose(_fileYaml, _filePath, _promptsPath, changes);
}

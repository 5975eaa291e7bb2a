namespace CallCenter.Gateway.Media.Prompts;

/// <summary>
/// The prompts of a contact center, loaded once from a folder of WAV files (<c>config/prompts/</c>) and
/// shared by every call. A prompt is named by its file name without extension.
/// </summary>
public sealed class PromptLibrary
{
    private readonly Dictionary<string, Prompt> _prompts;

    /// <summary>A library over prompts already loaded.</summary>
    public PromptLibrary(IEnumerable<Prompt> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        _prompts = new Dictionary<string, Prompt>(StringComparer.OrdinalIgnoreCase);
        foreach (Prompt prompt in prompts)
        {
            if (!_prompts.TryAdd(prompt.Name, prompt))
            {
                throw new ArgumentException($"Two prompts are named '{prompt.Name}'.", nameof(prompts));
            }
        }
    }

    /// <summary>The names of all prompts.</summary>
    public IEnumerable<string> Names => _prompts.Keys;

    /// <summary>
    /// Loads every <c>*.wav</c> in <paramref name="folder"/>; a file that is not an 8 kHz mono PCM or
    /// G.711 WAV fails the load with an <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public static PromptLibrary Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The prompt folder '{Path.GetFullPath(folder)}' does not exist.");
        }

        return new PromptLibrary(Directory.EnumerateFiles(folder, "*.wav").Order(StringComparer.Ordinal).Select(Prompt.Load));
    }

    /// <summary>The prompt called <paramref name="name"/>, if there is one.</summary>
    public bool TryGet(string name, out Prompt prompt) => _prompts.TryGetValue(name, out prompt!);

    /// <summary>The prompt called <paramref name="name"/>; a missing one is a configuration error that names it.</summary>
    public Prompt Get(string name) =>
        _prompts.TryGetValue(name, out Prompt? prompt)
            ? prompt
            : throw new KeyNotFoundException($"There is no prompt '{name}'; the library has {_prompts.Count} prompts.");

    /// <summary>The prompts called <paramref name="names"/>, in order, for a <see cref="PromptPlayer"/>.</summary>
    public IReadOnlyList<Prompt> Sequence(params IEnumerable<string> names) => names.Select(Get).ToArray();
}

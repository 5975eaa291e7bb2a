using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Prompts;
using CallCenter.Gateway.Media.Wav;

namespace CallCenter.Gateway.Tests.Media.Prompts;

/// <summary>The prompts in config/prompts are what the IVR plays: every one must load and be telephony format.</summary>
public sealed class ShippedPromptSpecs
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "config", "prompts");

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>
        {
            "welcome", "main-menu", "invalid-choice", "enter-account", "thank-you", "caller-number", "wait-time",
            "minutes", "less-than-one-minute", "hundred", "thousand", "balance-is", "dollars", "cents",
            "agents-busy", "goodbye", "queue-exit", "hold-music",
        };
        foreach (int n in Enumerable.Range(0, 21).Concat([30, 40, 50, 60, 70, 80, 90]))
        {
            names.Add($"number-{n}");
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Shipped_prompt_should_be_8kHz_mono_16_bit_pcm(string name)
    {
        using WavReader reader = WavReader.Open(Path.Combine(Folder, name + ".wav"));

        Assert.Equal(WavFormat.TelephonyPcm, reader.Format);
        Assert.InRange(reader.Duration, TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(21));
    }

    [Fact]
    public void Shipped_prompts_should_load_as_a_library_of_modest_size()
    {
        PromptLibrary library = PromptLibrary.Load(Folder);

        Assert.Equal(Names().Count, library.Names.Count());
        Assert.InRange(library.Get("hold-music").Duration, TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(21));
        long bytes = Directory.EnumerateFiles(Folder, "*.wav").Sum(f => new FileInfo(f).Length);
        Assert.True(bytes < 3_000_000, $"The prompts take {bytes} bytes.");
    }

    [Fact]
    public void Position_announcement_should_play_as_one_sentence()
    {
        PromptLibrary library = PromptLibrary.Load(Folder);
        IReadOnlyList<Prompt> sentence = library.Sequence(["caller-number", .. SpokenNumber.PromptNames(3)]);
        var player = new PromptPlayer(sentence, G711Law.MuLaw);
        var frame = new byte[G711.SamplesPerFrame];

        int frames = 0;
        while (player.TryReadFrame(frame))
        {
            frames++;
        }

        int samples = sentence.Sum(p => p.SampleCount);
        Assert.Equal((samples + G711.SamplesPerFrame - 1) / G711.SamplesPerFrame, frames);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CallCenter.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CallCenter.sln above {AppContext.BaseDirectory}.");
    }
}

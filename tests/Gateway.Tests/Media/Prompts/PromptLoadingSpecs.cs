using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Prompts;
using CallCenter.Gateway.Media.Wav;

namespace CallCenter.Gateway.Tests.Media.Prompts;

public sealed class PromptLoadingSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("callcenter-prompts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteWav(string name, WavFormat format, byte[] data)
    {
        string path = Path.Combine(_folder, name + ".wav");
        using var writer = new WavWriter(File.Create(path), format);
        writer.Write(data);
        return path;
    }

    [Fact]
    public void Pcm_prompt_should_be_held_in_both_laws()
    {
        string path = WriteWav("beep", WavFormat.TelephonyPcm, [0xE8, 0x03, 0x18, 0xFC]); // 1000, -1000

        Prompt prompt = Prompt.Load(path);

        Assert.Equal("beep", prompt.Name);
        Assert.Equal(new[] { MuLaw.Encode(1000), MuLaw.Encode(-1000) }, prompt.Codes(G711Law.MuLaw).ToArray());
        Assert.Equal(new[] { ALaw.Encode(1000), ALaw.Encode(-1000) }, prompt.Codes(G711Law.ALaw).ToArray());
    }

    [Fact]
    public void G711_prompt_should_play_its_own_codes_unchanged()
    {
        byte[] codes = [0x01, 0x7E, 0xFF, 0x80];
        string path = WriteWav("ulaw", new WavFormat(WavEncoding.MuLaw, 8000, 1), codes);

        Prompt prompt = Prompt.Load(path);

        Assert.Equal(codes, prompt.Codes(G711Law.MuLaw).ToArray());
        Assert.Equal(codes.Select(c => ALaw.Encode(MuLaw.Decode(c))), prompt.Codes(G711Law.ALaw).ToArray());
    }

    [Theory]
    [InlineData(16000, 1, "must be 8000 Hz mono, but this is 16000 Hz with 1 channels")]
    [InlineData(8000, 2, "must be 8000 Hz mono, but this is 8000 Hz with 2 channels")]
    public void Prompt_should_refuse_what_would_need_resampling_or_mixing_naming_the_file(int rate, int channels, string reason)
    {
        string path = WriteWav("wideband", new WavFormat(WavEncoding.Pcm16, rate, channels), new byte[8]);

        var e = Assert.Throws<InvalidDataException>(() => Prompt.Load(path));

        Assert.StartsWith(path, e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Library_should_find_prompts_by_file_name_and_name_a_missing_one()
    {
        WriteWav("welcome", WavFormat.TelephonyPcm, new byte[320]);
        WriteWav("goodbye", WavFormat.TelephonyPcm, new byte[320]);

        PromptLibrary library = PromptLibrary.Load(_folder);

        Assert.Equal(["goodbye", "welcome"], library.Names.Order());
        Assert.Equal(["welcome", "goodbye"], library.Sequence("welcome", "goodbye").Select(p => p.Name));
        var e = Assert.Throws<KeyNotFoundException>(() => library.Get("main-menu"));
        Assert.Contains("main-menu", e.Message);
    }
}

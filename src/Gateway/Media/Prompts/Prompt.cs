using System.Runtime.InteropServices;
using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Wav;

namespace CallCenter.Gateway.Media.Prompts;

/// <summary>
/// A recorded announcement held in memory in both G.711 laws, so that playing it to any number of calls
/// is a copy per frame. Prompts must be 8 kHz mono (PCM 16-bit or G.711); there is no resampling.
/// </summary>
public sealed class Prompt
{
    private readonly byte[] _muLaw;
    private readonly byte[] _aLaw;

    private Prompt(string name, byte[] muLaw, byte[] aLaw)
    {
        Name = name;
        _muLaw = muLaw;
        _aLaw = aLaw;
    }

    /// <summary>The prompt's name: its file name without extension.</summary>
    public string Name { get; }

    /// <summary>Samples in the prompt.</summary>
    public int SampleCount => _muLaw.Length;

    /// <summary>Playing time.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)SampleCount / G711.ClockRate);

    /// <summary>The prompt's codes in <paramref name="law"/>.</summary>
    public ReadOnlyMemory<byte> Codes(G711Law law) => law == G711Law.MuLaw ? _muLaw : _aLaw;

    /// <summary>Builds a prompt from linear samples at 8 kHz.</summary>
    public static Prompt FromSamples(string name, ReadOnlySpan<short> samples)
    {
        var muLaw = new byte[samples.Length];
        var aLaw = new byte[samples.Length];
        G711.Encode(G711Law.MuLaw, samples, muLaw);
        G711.Encode(G711Law.ALaw, samples, aLaw);
        return new Prompt(name, muLaw, aLaw);
    }

    /// <summary>Loads a WAV file; the error names the file and says what is wrong with it.</summary>
    public static Prompt Load(string path)
    {
        using WavReader reader = WavReader.Open(path);
        try
        {
            return FromWav(Path.GetFileNameWithoutExtension(path), reader);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads the rest of <paramref name="reader"/> as a prompt.</summary>
    public static Prompt FromWav(string name, WavReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        WavFormat format = reader.Format;
        if (format.SampleRate != G711.ClockRate || format.Channels != 1)
        {
            throw new InvalidDataException(
                $"Prompts must be 8000 Hz mono, but this is {format.SampleRate} Hz with {format.Channels} channels; convert it (e.g. sox in.wav -r 8000 -c 1 -b 16 out.wav).");
        }

        byte[] data = reader.ReadAll();
        if (format.TryGetLaw(out G711Law law))
        {
            var other = new byte[data.Length];
            G711Law otherLaw = law == G711Law.MuLaw ? G711Law.ALaw : G711Law.MuLaw;
            G711.Transcode(law, otherLaw, data, other);
            return law == G711Law.MuLaw ? new Prompt(name, data, other) : new Prompt(name, other, data);
        }

        // The WAV data is little-endian, like every platform .NET runs on.
        ReadOnlySpan<short> samples = MemoryMarshal.Cast<byte, short>(data.AsSpan(0, data.Length & ~1));
        return FromSamples(name, samples);
    }
}

using CallCenter.Gateway.Media.Codecs;

namespace CallCenter.Gateway.Media.Wav;

/// <summary>The sample encodings the gateway reads and writes, by their RIFF WAVE format tags.</summary>
public enum WavEncoding : ushort
{
    /// <summary>WAVE_FORMAT_PCM, 16-bit little-endian signed samples.</summary>
    Pcm16 = 1,

    /// <summary>WAVE_FORMAT_ALAW (tag 6), one G.711 A-law code per sample.</summary>
    ALaw = 6,

    /// <summary>WAVE_FORMAT_MULAW (tag 7), one G.711 µ-law code per sample.</summary>
    MuLaw = 7,
}

/// <summary>The layout of a WAV file's samples (the RIFF "fmt " chunk).</summary>
/// <param name="Encoding">PCM 16-bit or one of the G.711 laws.</param>
/// <param name="SampleRate">Samples per second per channel.</param>
/// <param name="Channels">1 for mono, 2 for stereo (left first in each frame).</param>
public sealed record WavFormat(WavEncoding Encoding, int SampleRate, int Channels)
{
    /// <summary>8 kHz mono 16-bit PCM: what prompts are shipped as.</summary>
    public static readonly WavFormat TelephonyPcm = new(WavEncoding.Pcm16, G711.ClockRate, 1);

    /// <summary>Bits per sample of one channel.</summary>
    public int BitsPerSample => Encoding == WavEncoding.Pcm16 ? 16 : 8;

    /// <summary>Bytes of one sample frame, all channels.</summary>
    public int BlockAlign => BitsPerSample / 8 * Channels;

    /// <summary>Bytes per second.</summary>
    public int ByteRate => BlockAlign * SampleRate;

    /// <summary>The G.711 law of a G.711 encoding.</summary>
    public bool TryGetLaw(out G711Law law)
    {
        law = Encoding == WavEncoding.ALaw ? G711Law.ALaw : G711Law.MuLaw;
        return Encoding != WavEncoding.Pcm16;
    }

    /// <summary>The encoding that stores <paramref name="law"/>.</summary>
    public static WavEncoding EncodingOf(G711Law law) => law == G711Law.MuLaw ? WavEncoding.MuLaw : WavEncoding.ALaw;
}

namespace CallCenter.Gateway.Media.Codecs;

/// <summary>G.711 at the gateway's one packetisation: 8 kHz, 20 ms frames, either law.</summary>
public static class G711
{
    /// <summary>The RTP clock rate of both laws (RFC 3551 §4.5.14).</summary>
    public const int ClockRate = 8000;

    /// <summary>Samples (and bytes) in one 20 ms frame, the default packetisation (RFC 3551 §4.5).</summary>
    public const int SamplesPerFrame = 160;

    /// <summary>The RTP payload type of PCMU (RFC 3551 §6, Table 4).</summary>
    public const byte PcmuPayloadType = 0;

    /// <summary>The RTP payload type of PCMA (RFC 3551 §6, Table 4).</summary>
    public const byte PcmaPayloadType = 8;

    /// <summary>The duration of one frame.</summary>
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    private static readonly byte[] MuLawToALaw = BuildTranscodeTable(G711Law.MuLaw, G711Law.ALaw);
    private static readonly byte[] ALawToMuLaw = BuildTranscodeTable(G711Law.ALaw, G711Law.MuLaw);

    /// <summary>The static payload type that carries <paramref name="law"/>.</summary>
    public static byte PayloadType(this G711Law law) => law == G711Law.MuLaw ? PcmuPayloadType : PcmaPayloadType;

    /// <summary>The code of a zero sample in <paramref name="law"/>.</summary>
    public static byte Silence(this G711Law law) => law == G711Law.MuLaw ? MuLaw.Silence : ALaw.Silence;

    /// <summary>The law carried by a static payload type, if it is PCMU or PCMA.</summary>
    public static bool TryFromPayloadType(int payloadType, out G711Law law)
    {
        law = payloadType == PcmaPayloadType ? G711Law.ALaw : G711Law.MuLaw;
        return payloadType is PcmuPayloadType or PcmaPayloadType;
    }

    /// <summary>Encodes linear samples in <paramref name="law"/> into the first <c>samples.Length</c> bytes of <paramref name="codes"/>.</summary>
    public static void Encode(G711Law law, ReadOnlySpan<short> samples, Span<byte> codes)
    {
        RequireRoom(samples.Length, codes.Length);
        // One loop per law keeps the per-sample path free of a branch on the law.
        if (law == G711Law.MuLaw)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                codes[i] = MuLaw.Encode(samples[i]);
            }
        }
        else
        {
            for (int i = 0; i < samples.Length; i++)
            {
                codes[i] = ALaw.Encode(samples[i]);
            }
        }
    }

    /// <summary>Decodes codes of <paramref name="law"/> into the first <c>codes.Length</c> samples of <paramref name="samples"/>.</summary>
    public static void Decode(G711Law law, ReadOnlySpan<byte> codes, Span<short> samples)
    {
        RequireRoom(codes.Length, samples.Length);
        short[] table = law == G711Law.MuLaw ? MuLaw.DecodeTable : ALaw.DecodeTable;
        for (int i = 0; i < codes.Length; i++)
        {
            samples[i] = table[codes[i]];
        }
    }

    /// <summary>
    /// Converts codes between laws through one table lookup per byte, for bridging a PCMU leg to a
    /// PCMA leg. Same-law input is copied unchanged.
    /// </summary>
    public static void Transcode(G711Law from, G711Law to, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        RequireRoom(source.Length, destination.Length);
        if (from == to)
        {
            source.CopyTo(destination);
            return;
        }

        byte[] table = from == G711Law.MuLaw ? MuLawToALaw : ALawToMuLaw;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    private static void RequireRoom(int needed, int available)
    {
        if (available < needed)
        {
            throw new ArgumentException($"The destination holds {available} items but {needed} are needed.", "destination");
        }
    }

    private static byte[] BuildTranscodeTable(G711Law from, G711Law to)
    {
        var table = new byte[256];
        Span<short> linear = stackalloc short[256];
        Span<byte> codes = stackalloc byte[256];
        for (int code = 0; code < 256; code++)
        {
            codes[code] = (byte)code;
        }

        Decode(from, codes, linear);
        Encode(to, linear, table);
        return table;
    }
}

using System.Numerics;

namespace CallCenter.Gateway.Media.Codecs;

/// <summary>G.711 µ-law (ITU-T G.711 §3, Table 2a) between 16-bit linear PCM and 8-bit codes.</summary>
/// <remarks>
/// Linear samples are the standard's 14-bit values scaled by 4, as in the reference implementations,
/// so decoded values span ±32124 (4 × 8031). Decoding is a table lookup; encoding finds the segment
/// with one <see cref="BitOperations.Log2(uint)"/> instead of a search or a 16K table.
/// </remarks>
public static class MuLaw
{
    /// <summary>The code of a zero sample (positive zero): what silence looks like on the wire.</summary>
    public const byte Silence = 0xFF;

    // The standard's bias of 33 in the 14-bit domain, scaled by 4: it moves every segment's start onto a power of two.
    private const int Bias = 0x84;

    // The largest magnitude that still lands in segment 7 once the bias is added (32635 + 132 = 32767).
    private const int Clip = 32635;

    internal static readonly short[] DecodeTable = BuildDecodeTable();

    /// <summary>Encodes one linear sample; magnitudes above the top decision level saturate.</summary>
    public static byte Encode(short sample)
    {
        int magnitude = sample;
        int sign = 0;
        if (magnitude < 0)
        {
            sign = 0x80;
            magnitude = -magnitude;
        }

        magnitude = Math.Min(magnitude, Clip) + Bias;
        int segment = BitOperations.Log2((uint)magnitude >> 7);
        int step = (magnitude >> (segment + 3)) & 0x0F;
        // µ-law transmits every bit inverted (G.711 Table 2a, note 1).
        return (byte)~(sign | (segment << 4) | step);
    }

    /// <summary>Decodes one code to the mid-point of its quantisation interval.</summary>
    public static short Decode(byte code) => DecodeTable[code];

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (int code = 0; code < 256; code++)
        {
            int bits = ~code & 0xFF;
            int segment = (bits >> 4) & 0x07;
            int step = bits & 0x0F;
            int magnitude = (((step << 3) + Bias) << segment) - Bias;
            table[code] = (short)((bits & 0x80) != 0 ? -magnitude : magnitude);
        }

        return table;
    }
}

using System.Numerics;

namespace CallCenter.Gateway.Media.Codecs;

/// <summary>G.711 A-law (ITU-T G.711 §2, Table 1a) between 16-bit linear PCM and 8-bit codes.</summary>
/// <remarks>
/// Linear samples are the standard's 13-bit values scaled by 8, as in the reference implementations,
/// so decoded values span ±32256 (8 × 4032). Decoding is a table lookup; encoding finds the segment
/// with one <see cref="BitOperations.Log2(uint)"/>.
/// </remarks>
public static class ALaw
{
    /// <summary>The code of a zero sample (the smallest positive level): silence on the wire.</summary>
    public const byte Silence = 0xD5;

    // A-law inverts the even bits of every code (G.711 Table 1a, note 2); the sign bit is 1 for positive values.
    private const int EvenBits = 0x55;
    private const int PositiveMask = 0x80 | EvenBits;

    internal static readonly short[] DecodeTable = BuildDecodeTable();

    /// <summary>Encodes one linear sample.</summary>
    public static byte Encode(short sample)
    {
        int magnitude = sample >> 3;
        int mask = PositiveMask;
        if (magnitude < 0)
        {
            mask = EvenBits;
            // One's complement keeps the negative range symmetric: -1 lands on the smallest negative level.
            magnitude = -magnitude - 1;
        }

        int segment = magnitude < 32 ? 0 : BitOperations.Log2((uint)magnitude) - 4;
        int step = (magnitude >> (segment < 2 ? 1 : segment)) & 0x0F;
        return (byte)(((segment << 4) | step) ^ mask);
    }

    /// <summary>Decodes one code to the mid-point of its quantisation interval.</summary>
    public static short Decode(byte code) => DecodeTable[code];

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (int code = 0; code < 256; code++)
        {
            int bits = code ^ EvenBits;
            int segment = (bits >> 4) & 0x07;
            int step = bits & 0x0F;
            int magnitude = segment == 0
                ? (step << 4) + 8
                : ((step << 4) + 0x108) << (segment - 1);
            table[code] = (short)((bits & 0x80) != 0 ? magnitude : -magnitude);
        }

        return table;
    }
}

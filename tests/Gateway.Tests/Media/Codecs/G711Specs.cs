using CallCenter.Gateway.Media.Codecs;

namespace CallCenter.Gateway.Tests.Media.Codecs;

public sealed class G711Specs
{
    // ITU-T G.711 Table 2a: a µ-law code with segment s and step q decodes to (2q + 33)·2^s − 33 in
    // 14-bit units (the standard's "value at decoder output"); ×4 gives the 16-bit sample.
    private static int MuLawReference(int code)
    {
        int bits = ~code & 0xFF;
        int segment = (bits >> 4) & 7;
        int step = bits & 15;
        int magnitude = 4 * (((2 * step) + 33) * (1 << segment) - 33);
        return (bits & 0x80) == 0 ? magnitude : -magnitude;
    }

    // ITU-T G.711 Table 1a: an A-law code (even bits inverted) with segment 0 decodes to 2q + 1, with
    // segment s ≥ 1 to (2q + 33)·2^(s−1), in 12-bit magnitude units; ×8 gives the 16-bit sample.
    private static int ALawReference(int code)
    {
        int bits = code ^ 0x55;
        int segment = (bits >> 4) & 7;
        int step = bits & 15;
        int magnitude = 8 * (segment == 0 ? (2 * step) + 1 : ((2 * step) + 33) * (1 << (segment - 1)));
        return (bits & 0x80) != 0 ? magnitude : -magnitude;
    }

    [Fact]
    public void MuLaw_should_match_G711_reference_table()
    {
        for (int code = 0; code < 256; code++)
        {
            Assert.Equal(MuLawReference(code), MuLaw.Decode((byte)code));
        }
    }

    [Fact]
    public void ALaw_should_match_G711_reference_table()
    {
        for (int code = 0; code < 256; code++)
        {
            Assert.Equal(ALawReference(code), ALaw.Decode((byte)code));
        }
    }

    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(123, 0xF0)]
    [InlineData(124, 0xEF)]
    [InlineData(379, 0xE0)]
    [InlineData(380, 0xDF)]
    [InlineData(892, 0xCF)]
    [InlineData(1916, 0xBF)]
    [InlineData(3964, 0xAF)]
    [InlineData(8060, 0x9F)]
    [InlineData(16252, 0x8F)]
    [InlineData(-124, 0x6F)]
    public void MuLaw_should_encode_segment_boundaries_at_G711_decision_levels(int sample, int code)
    {
        // The decision levels of Table 2a (31, 95, 223, ... 4063 in 14-bit units) ×4.
        Assert.Equal((byte)code, MuLaw.Encode((short)sample));
    }

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-1, 0x55)]
    [InlineData(32767, 0xAA)]
    [InlineData(-32768, 0x2A)]
    [InlineData(255, 0xDA)]
    [InlineData(256, 0xC5)]
    [InlineData(512, 0xF5)]
    [InlineData(1024, 0xE5)]
    [InlineData(2048, 0x95)]
    [InlineData(4096, 0x85)]
    [InlineData(8192, 0xB5)]
    [InlineData(16384, 0xA5)]
    public void ALaw_should_encode_segment_boundaries_at_G711_decision_levels(int sample, int code)
    {
        // The decision levels of Table 1a (32, 64, ... 2048 in 12-bit units) ×8.
        Assert.Equal((byte)code, ALaw.Encode((short)sample));
    }

    [Fact]
    public void MuLaw_round_trip_should_stay_within_half_a_quantisation_step()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            int decoded = MuLaw.Decode(MuLaw.Encode((short)x));
            if (Math.Abs(x) > 32635)
            {
                Assert.Equal(Math.Sign(x) * 32124, decoded);
                continue;
            }

            // Half a step of segment s is 4·2^s, and a sample in segment s is at least 128·2^s − 132.
            double bound = (Math.Abs(x) + 132) / 32.0;
            Assert.True(Math.Abs(decoded - x) <= bound, $"µ-law({x}) decoded to {decoded}");
        }
    }

    [Fact]
    public void ALaw_round_trip_should_stay_within_half_a_quantisation_step()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            int decoded = ALaw.Decode(ALaw.Encode((short)x));
            double bound = Math.Max(8, Math.Abs(x) / 32.0);
            Assert.True(Math.Abs(decoded - x) <= bound, $"A-law({x}) decoded to {decoded}");
        }
    }

    [Fact]
    public void Decoding_then_encoding_should_return_every_code_except_negative_zero()
    {
        for (int code = 0; code < 256; code++)
        {
            // µ-law has two zeros (0xFF, 0x7F); both decode to 0, which encodes as 0xFF.
            byte expected = code == 0x7F ? (byte)0xFF : (byte)code;
            Assert.Equal(expected, MuLaw.Encode(MuLaw.Decode((byte)code)));
            Assert.Equal((byte)code, ALaw.Encode(ALaw.Decode((byte)code)));
        }
    }

    [Fact]
    public void Span_encode_and_decode_should_agree_with_single_samples()
    {
        short[] samples = [0, 1, -1, 1000, -1000, short.MaxValue, short.MinValue];
        var codes = new byte[samples.Length];
        var decoded = new short[samples.Length];
        foreach (G711Law law in Enum.GetValues<G711Law>())
        {
            G711.Encode(law, samples, codes);
            G711.Decode(law, codes, decoded);
            for (int i = 0; i < samples.Length; i++)
            {
                byte code = law == G711Law.MuLaw ? MuLaw.Encode(samples[i]) : ALaw.Encode(samples[i]);
                Assert.Equal(code, codes[i]);
                Assert.Equal(law == G711Law.MuLaw ? MuLaw.Decode(code) : ALaw.Decode(code), decoded[i]);
            }
        }
    }

    [Fact]
    public void Encode_should_refuse_a_destination_that_is_too_short()
    {
        Assert.Throws<ArgumentException>(() => G711.Encode(G711Law.MuLaw, new short[160], new byte[159]));
    }

    [Fact]
    public void Transcode_should_equal_decoding_in_one_law_and_encoding_in_the_other()
    {
        var all = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            all[i] = (byte)i;
        }

        var transcoded = new byte[256];
        G711.Transcode(G711Law.MuLaw, G711Law.ALaw, all, transcoded);
        for (int i = 0; i < 256; i++)
        {
            Assert.Equal(ALaw.Encode(MuLaw.Decode((byte)i)), transcoded[i]);
        }

        Assert.Equal(ALaw.Silence, transcoded[MuLaw.Silence]);
    }

    [Fact]
    public void Payload_types_should_be_the_RFC_3551_static_ones()
    {
        Assert.Equal(0, G711Law.MuLaw.PayloadType());
        Assert.Equal(8, G711Law.ALaw.PayloadType());
        Assert.True(G711.TryFromPayloadType(8, out G711Law law));
        Assert.Equal(G711Law.ALaw, law);
        Assert.False(G711.TryFromPayloadType(101, out _));
    }
}

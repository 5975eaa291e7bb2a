using System.Text;
using CallCenter.Gateway.Sip.Message;
using CsCheck;

namespace CallCenter.Gateway.Tests.Sip.Message;

/// <summary>Property tests: whatever the bytes, the parser returns exactly one of a message or an error, and never throws.</summary>
public sealed class ParserFuzzSpecs
{
    private static readonly byte[][] Seeds =
    [
        SampleMessages.Bytes(SampleMessages.Invite),
        SampleMessages.Bytes(SampleMessages.Ok),
        SampleMessages.Bytes(SampleMessages.Register),
    ];

    private static void AssertTotal(byte[] bytes)
    {
        foreach (var framing in new[] { SipFraming.Datagram, SipFraming.Stream })
        {
            var result = SipParser.Parse(new ReadOnlyMemory<byte>(bytes), framing: framing);
            Assert.True(result.IsSuccess ^ (result.Error is not null));
            if (result.Error is { } error)
            {
                Assert.InRange(error.StatusCode, 400, 599);
                Assert.False(string.IsNullOrEmpty(error.ReasonPhrase));
            }
            else
            {
                // What parsed must also serialize and parse again.
                Assert.True(SipParser.Parse(SipMessageWriter.ToBytes(result.Message!)).IsSuccess);
            }
        }

        _ = SipStreamFramer.Next(bytes, 65536);
    }

    private static readonly Gen<byte[]> Mutated =
        Gen.Int[0, Seeds.Length - 1].SelectMany(seed => Gen.OneOf(
            Gen.Int[0, (Seeds[seed].Length * 8) - 1].Array[1, 8].Select(bits => FlipBits(Seeds[seed], bits)),
            Gen.Int[0, Seeds[seed].Length].Select(n => Seeds[seed][..n]),
            Gen.Int[0, Seeds[seed].Length - 1].SelectMany(a => Gen.Int[a, Seeds[seed].Length].Select(b => Duplicate(Seeds[seed], a, b))),
            Gen.Int[0, Seeds[seed].Length - 1].SelectMany(at => Gen.Byte.Array[1, 16].Select(junk => Insert(Seeds[seed], at, junk)))));

    [Fact]
    public void Parser_should_never_throw_on_mutated_valid_messages() =>
        Mutated.Sample(AssertTotal, iter: 20_000);

    [Fact]
    public void Parser_should_never_throw_on_random_bytes() =>
        Gen.Byte.Array[0, 2048].Sample(AssertTotal, iter: 20_000);

    [Fact]
    public void Parser_should_never_throw_on_random_sip_like_text() =>
        Gen.Char["INVITE SIP/2.0:;,<>\"\\@[]= \t\r\nabcXYZ0123%"].Array[0, 600]
            .Select(chars => Encoding.UTF8.GetBytes("INVITE sip:a@b SIP/2.0\r\nVia: " + new string(chars)))
            .Sample(AssertTotal, iter: 20_000);

    [Fact]
    public void Parser_should_handle_a_header_with_ten_thousand_parameters()
    {
        var parameters = string.Concat(Enumerable.Range(0, 10_000).Select(i => $";p{i}=v{i}"));
        var text = SampleMessages.Ok.Replace("tag=1928301774", "tag=1928301774" + parameters);

        var result = SipParser.Parse(SampleMessages.Bytes(text), new SipParserOptions { MaxMessageSize = 1 << 20 });

        Assert.Equal(10_001, result.Message!.From!.Parameters.Count);
    }

    [Fact]
    public void Parser_should_reject_a_huge_header_over_the_size_limit()
    {
        var text = SampleMessages.Ok.Replace("Content-Length: 0", "X-Huge: " + new string('a', 100_000) + "\r\nContent-Length: 0");

        Assert.Equal(413, SipParser.Parse(SampleMessages.Bytes(text)).Error!.StatusCode);
    }

    [Theory]
    [InlineData("Content-Length: 5000")]
    [InlineData("Content-Length: 99999999999999999999")]
    [InlineData("Content-Length: -1")]
    [InlineData("Content-Length: 0x10")]
    public void Parser_should_reject_a_lying_content_length(string header)
    {
        var result = SipParser.Parse(SampleMessages.Bytes(SampleMessages.Ok.Replace("Content-Length: 0", header)));

        Assert.Equal(400, result.Error!.StatusCode);
    }

    private static byte[] FlipBits(byte[] seed, int[] bits)
    {
        var copy = (byte[])seed.Clone();
        foreach (var bit in bits)
        {
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
        }

        return copy;
    }

    private static byte[] Duplicate(byte[] seed, int from, int to) => [.. seed[..to], .. seed[from..to], .. seed[to..]];

    private static byte[] Insert(byte[] seed, int at, byte[] junk) => [.. seed[..at], .. junk, .. seed[at..]];
}

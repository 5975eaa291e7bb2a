using System.Buffers.Binary;
using CallCenter.Gateway.Media.Wav;

namespace CallCenter.Gateway.Tests.Media.Wav;

public sealed class WavSpecs
{
    private static byte[] Write(WavFormat format, ReadOnlySpan<byte> data)
    {
        var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, format, leaveOpen: true))
        {
            writer.Write(data);
        }

        return stream.ToArray();
    }

    private static WavReader Read(byte[] file) => WavReader.Open(new MemoryStream(file));

    [Fact]
    public void Pcm_mono_should_round_trip_with_a_canonical_44_byte_header()
    {
        short[] samples = [0, 1000, -1000, short.MaxValue, short.MinValue];
        var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, WavFormat.TelephonyPcm, leaveOpen: true))
        {
            writer.Write(samples);
        }

        byte[] file = stream.ToArray();
        Assert.Equal(44 + 10, file.Length);
        Assert.Equal(file.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(4)));
        Assert.Equal(10, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(40)));

        using WavReader reader = Read(file);
        Assert.Equal(WavFormat.TelephonyPcm, reader.Format);
        Assert.Equal(5, reader.FrameCount);
        byte[] data = reader.ReadAll();
        Assert.Equal(samples, Enumerable.Range(0, 5).Select(i => BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(2 * i))));
    }

    [Theory]
    [InlineData(WavEncoding.MuLaw, 7)]
    [InlineData(WavEncoding.ALaw, 6)]
    public void G711_files_should_carry_their_format_tag_and_a_fact_chunk(WavEncoding encoding, int tag)
    {
        byte[] file = Write(new WavFormat(encoding, 8000, 2), [1, 2, 3, 4, 5, 6]);

        Assert.Equal(tag, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(20)));
        Assert.Equal(8, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(34)));
        Assert.Equal("fact"u8.ToArray(), file[38..42]);
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(46)));

        using WavReader reader = Read(file);
        Assert.Equal(new WavFormat(encoding, 8000, 2), reader.Format);
        Assert.Equal(3, reader.FrameCount);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, reader.ReadAll());
    }

    [Fact]
    public void Writer_should_pad_an_odd_data_chunk_without_counting_the_pad()
    {
        byte[] file = Write(new WavFormat(WavEncoding.MuLaw, 8000, 1), [1, 2, 3]);
        Assert.Equal(0, file.Length % 2);
        using WavReader reader = Read(file);
        Assert.Equal(new byte[] { 1, 2, 3 }, reader.ReadAll());
    }

    [Fact]
    public void Reader_should_skip_chunks_it_does_not_know()
    {
        byte[] plain = Write(WavFormat.TelephonyPcm, [1, 0, 2, 0]);
        // Insert an odd-sized LIST chunk (padded to even) between fmt and data.
        byte[] list = [.. "LIST"u8, 3, 0, 0, 0, (byte)'a', (byte)'b', (byte)'c', 0];
        byte[] file = [.. plain[..36], .. list, .. plain[36..]];

        using WavReader reader = Read(file);
        Assert.Equal(new byte[] { 1, 0, 2, 0 }, reader.ReadAll());
    }

    [Fact]
    public void Reader_should_read_to_the_end_when_a_crash_left_the_sizes_unpatched()
    {
        byte[] file = Write(WavFormat.TelephonyPcm, [1, 0, 2, 0, 3, 0]);
        file.AsSpan(40, 4).Clear();

        using WavReader reader = Read(file);
        Assert.Equal(-1, reader.DataLength);
        Assert.Equal(6, reader.ReadAll().Length);
    }

    [Fact]
    public void Reader_should_accept_wave_format_extensible_with_a_pcm_subformat()
    {
        byte[] file = Write(WavFormat.TelephonyPcm, [1, 0]);
        byte[] fmt = new byte[40];
        file.AsSpan(20, 16).CopyTo(fmt);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), 1);
        byte[] extensible = [.. file[..16], 40, 0, 0, 0, .. fmt, .. file[36..]];

        using WavReader reader = Read(extensible);
        Assert.Equal(WavFormat.TelephonyPcm, reader.Format);
    }

    [Fact]
    public void Reader_should_reject_what_is_not_a_wav_file()
    {
        var e = Assert.Throws<InvalidDataException>(() => Read("ID3\u0003 not a wave file at all"u8.ToArray()));
        Assert.Contains("RIFF WAVE", e.Message);
    }

    [Theory]
    [InlineData(3, 1, 32, "format tag 3 is not supported")]
    [InlineData(1, 1, 8, "8-bit Pcm16 is not supported")]
    [InlineData(7, 1, 16, "16-bit MuLaw is not supported")]
    [InlineData(1, 6, 16, "6 channels are not supported")]
    public void Reader_should_reject_unsupported_formats_saying_why(int tag, int channels, int bits, string reason)
    {
        byte[] file = Write(WavFormat.TelephonyPcm, [0, 0]);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(20), (ushort)tag);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(34), (ushort)bits);

        var e = Assert.Throws<InvalidDataException>(() => Read(file));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Reader_should_reject_a_file_without_a_data_chunk()
    {
        byte[] file = Write(WavFormat.TelephonyPcm, []);
        var e = Assert.Throws<InvalidDataException>(() => Read(file[..36]));
        Assert.Contains("no data chunk", e.Message);
    }

    [Fact]
    public void Reader_errors_should_name_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"callcenter-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, "RIFF...."u8.ToArray());
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => WavReader.Open(path));
            Assert.StartsWith(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

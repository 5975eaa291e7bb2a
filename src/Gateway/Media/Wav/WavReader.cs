using System.Buffers.Binary;
using System.Globalization;

namespace CallCenter.Gateway.Media.Wav;

/// <summary>
/// Reads a RIFF WAVE file of 16-bit PCM or G.711 (format tags 1, 6, 7; WAVE_FORMAT_EXTENSIBLE with one of
/// those sub-formats too), mono or stereo, streaming the data chunk. Anything else is rejected on open
/// with an <see cref="InvalidDataException"/> that says what was found and what is supported.
/// </summary>
public sealed class WavReader : IDisposable
{
    private const ushort ExtensibleTag = 0xFFFE;

    // Writers that stream without seeking leave these in the size fields: read to the end of the stream.
    private const uint UnknownSize = 0xFFFFFFFF;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private long _remaining;

    private WavReader(Stream stream, bool leaveOpen, WavFormat format, long dataLength)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Format = format;
        DataLength = dataLength;
        _remaining = dataLength;
    }

    /// <summary>The layout of the samples.</summary>
    public WavFormat Format { get; }

    /// <summary>Bytes in the data chunk, or -1 when the header does not say (read until the stream ends).</summary>
    public long DataLength { get; }

    /// <summary>Sample frames (one sample per channel) in the data chunk, or -1 when unknown.</summary>
    public long FrameCount => DataLength < 0 ? -1 : DataLength / Format.BlockAlign;

    /// <summary>The playing time, or <see cref="TimeSpan.Zero"/> when unknown.</summary>
    public TimeSpan Duration => FrameCount < 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)FrameCount / Format.SampleRate);

    /// <summary>Opens a file; errors name the path.</summary>
    public static WavReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        try
        {
            return Open(stream);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the header from <paramref name="stream"/> and leaves it at the first sample.</summary>
    public static WavReader Open(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> chunk = stackalloc byte[12];
        if (!TryFill(stream, chunk) || !chunk[..4].SequenceEqual("RIFF"u8) || !chunk[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("Not a WAV file: it does not start with a RIFF WAVE header.");
        }

        WavFormat? format = null;
        Span<byte> header = stackalloc byte[8];
        while (TryFill(stream, header))
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (header[..4].SequenceEqual("fmt "u8))
            {
                format = ReadFormat(stream, size);
            }
            else if (header[..4].SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw new InvalidDataException("The data chunk comes before the fmt chunk.");
                }

                long length = size == UnknownSize || (size == 0 && stream.CanSeek && stream.Length > stream.Position) ? -1 : size;
                return new WavReader(stream, leaveOpen, format, length);
            }
            else
            {
                Skip(stream, size + (size & 1));
            }
        }

        throw new InvalidDataException(format is null ? "The file has no fmt chunk." : "The file has no data chunk.");
    }

    /// <summary>Reads raw sample bytes (interleaved, little-endian for PCM); returns 0 at the end.</summary>
    public int Read(Span<byte> buffer)
    {
        if (_remaining >= 0)
        {
            buffer = buffer[..(int)Math.Min(buffer.Length, _remaining)];
        }

        int total = 0;
        while (total < buffer.Length)
        {
            int read = _stream.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        if (_remaining >= 0)
        {
            _remaining -= total;
        }

        return total;
    }

    /// <summary>Reads the whole remaining data chunk.</summary>
    public byte[] ReadAll()
    {
        using var buffer = new MemoryStream(DataLength > 0 ? (int)DataLength : 0);
        Span<byte> chunk = stackalloc byte[4096];
        int read;
        while ((read = Read(chunk)) > 0)
        {
            buffer.Write(chunk[..read]);
        }

        return buffer.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private static WavFormat ReadFormat(Stream stream, uint size)
    {
        if (size < 16 || size > 1024)
        {
            throw new InvalidDataException($"The fmt chunk is {size} bytes; a WAVE format needs 16 to 40.");
        }

        Span<byte> fmt = stackalloc byte[(int)(size + (size & 1))];
        if (!TryFill(stream, fmt))
        {
            throw new InvalidDataException("The file ends inside the fmt chunk.");
        }

        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        int sampleRate = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]));
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (tag == ExtensibleTag && size >= 40)
        {
            // WAVE_FORMAT_EXTENSIBLE keeps the real tag in the first two bytes of its sub-format GUID.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }

        var encoding = (WavEncoding)tag;
        if (!Enum.IsDefined(encoding))
        {
            throw new InvalidDataException($"WAV format tag {tag} is not supported; use PCM (1), A-law (6) or µ-law (7).");
        }

        int expectedBits = encoding == WavEncoding.Pcm16 ? 16 : 8;
        if (bits != expectedBits)
        {
            throw new InvalidDataException($"{bits}-bit {encoding} is not supported; {encoding} must be {expectedBits}-bit.");
        }

        if (channels is < 1 or > 2)
        {
            throw new InvalidDataException($"{channels} channels are not supported; use mono or stereo.");
        }

        if (sampleRate <= 0)
        {
            throw new InvalidDataException($"A sample rate of {sampleRate} Hz is not valid.");
        }

        return new WavFormat(encoding, sampleRate, channels);
    }

    private static void Skip(Stream stream, long count)
    {
        if (stream.CanSeek)
        {
            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        Span<byte> sink = stackalloc byte[512];
        while (count > 0)
        {
            int read = stream.Read(sink[..(int)Math.Min(sink.Length, count)]);
            if (read == 0)
            {
                return;
            }

            count -= read;
        }
    }

    private static bool TryFill(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                return false;
            }

            total += read;
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Format.Encoding} {Format.SampleRate} Hz {Format.Channels} ch, {Duration.TotalSeconds:0.###} s");
}

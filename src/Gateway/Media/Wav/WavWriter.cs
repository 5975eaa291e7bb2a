using System.Buffers.Binary;

namespace CallCenter.Gateway.Media.Wav;

/// <summary>
/// Writes a RIFF WAVE file as it goes: the header is written on open with zero sizes, samples are
/// appended, and <see cref="Dispose"/> patches the RIFF, data and (for G.711) fact sizes. A file left
/// unpatched by a crash still opens with <see cref="WavReader"/>, which reads a zero-sized data chunk to the end.
/// </summary>
public sealed class WavWriter : IDisposable
{
    // RIFF sizes are 32-bit; stop short of the limit rather than write a file no reader can open.
    private const long MaxDataLength = uint.MaxValue - 64;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _start;
    private readonly int _factSizeAt;
    private readonly int _dataSizeAt;
    private bool _disposed;

    /// <summary>Writes the header of a file of <paramref name="format"/> to <paramref name="stream"/>, which must be seekable for the sizes to be patched.</summary>
    public WavWriter(Stream stream, WavFormat format, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(format);
        _stream = stream;
        _leaveOpen = leaveOpen;
        Format = format;
        _start = stream.CanSeek ? stream.Position : 0;

        bool isPcm = format.Encoding == WavEncoding.Pcm16;
        // Non-PCM formats carry cbSize and a fact chunk with the sample count (RIFF WAVE, Microsoft 1991).
        int fmtLength = isPcm ? 16 : 18;
        Span<byte> header = stackalloc byte[12 + 8 + fmtLength + (isPcm ? 0 : 12) + 8];
        "RIFF"u8.CopyTo(header);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)fmtLength);
        Span<byte> fmt = header[20..];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, (ushort)format.Encoding);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[2..], (ushort)format.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[4..], (uint)format.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[8..], (uint)format.ByteRate);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[12..], (ushort)format.BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[14..], (ushort)format.BitsPerSample);
        int offset = 20 + fmtLength;
        if (!isPcm)
        {
            "fact"u8.CopyTo(header[offset..]);
            BinaryPrimitives.WriteUInt32LittleEndian(header[(offset + 4)..], 4);
            _factSizeAt = offset + 8;
            offset += 12;
        }

        "data"u8.CopyTo(header[offset..]);
        _dataSizeAt = offset + 4;
        HeaderLength = offset + 8;
        stream.Write(header);
    }

    /// <summary>The layout of the samples.</summary>
    public WavFormat Format { get; }

    /// <summary>Bytes before the first sample.</summary>
    public int HeaderLength { get; }

    /// <summary>Sample bytes written so far.</summary>
    public long DataLength { get; private set; }

    /// <summary>Appends raw sample bytes (interleaved, little-endian PCM or G.711 codes).</summary>
    public void Write(ReadOnlySpan<byte> samples)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (DataLength + samples.Length > MaxDataLength)
        {
            throw new InvalidOperationException("A WAV file cannot hold more than 4 GB of samples.");
        }

        _stream.Write(samples);
        DataLength += samples.Length;
    }

    /// <summary>Appends 16-bit samples (interleaved when stereo); only for <see cref="WavEncoding.Pcm16"/>.</summary>
    public void Write(ReadOnlySpan<short> samples)
    {
        if (Format.Encoding != WavEncoding.Pcm16)
        {
            throw new InvalidOperationException($"This file stores {Format.Encoding}; write its codes as bytes.");
        }

        if (BitConverter.IsLittleEndian)
        {
            Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples));
            return;
        }

        Span<byte> pair = stackalloc byte[2];
        foreach (short sample in samples)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pair, sample);
            Write(pair);
        }
    }

    /// <summary>Patches the sizes into the header and closes the stream unless asked to leave it open.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if ((DataLength & 1) != 0)
            {
                // Chunks are word-aligned; the pad byte is not part of the data size.
                _stream.WriteByte(0);
            }

            if (_stream.CanSeek)
            {
                long end = _stream.Position;
                Span<byte> size = stackalloc byte[4];
                long riffSize = HeaderLength - 8 + DataLength + (DataLength & 1);
                Patch(_start + 4, (uint)riffSize, size);
                Patch(_start + _dataSizeAt, (uint)DataLength, size);
                if (_factSizeAt > 0)
                {
                    Patch(_start + _factSizeAt, (uint)(DataLength / Format.Channels), size);
                }

                _stream.Position = end;
            }

            _stream.Flush();
        }
        finally
        {
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void Patch(long position, uint value, Span<byte> buffer)
    {
        _stream.Position = position;
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        _stream.Write(buffer);
    }
}

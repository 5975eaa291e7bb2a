using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Wav;

namespace CallCenter.Gateway.Media.Recording;

/// <summary>
/// Records a call as one stereo 8 kHz WAV: the caller on the left channel, the agent on the right.
/// Each leg's receive loop hands in its audio as it arrives; the recorder pairs the legs sample by
/// sample and, when one leg falls silent (hold, lost packets, no RTP), fills its side with silence once
/// the other is <see cref="MaxSkew"/> ahead, so the two sides never drift apart by more than that.
/// Where the sender knows when a piece of audio was heard (<see cref="WriteCallerAt"/>, <see cref="WriteAgentAt"/>), a
/// gap is filled with silence there and then, so silences on both sides at once keep their length too.
/// The header is written on open and the sizes patched on <see cref="Dispose"/>. Thread-safe.
/// </summary>
public sealed class StereoCallRecorder : IDisposable
{
    /// <summary>How far one side may run ahead before the other is padded with silence (200 ms).</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMilliseconds(200);

    private const int Caller = 0;
    private const int Agent = 1;
    private const int MaxSkewSamples = G711.ClockRate / 5;
    private const int PendingCapacity = MaxSkewSamples + (2 * G711.SamplesPerFrame);

    private readonly Lock _lock = new();
    private readonly WavWriter _writer;
    private readonly short[][] _pending = [new short[PendingCapacity], new short[PendingCapacity]];
    private readonly int[] _pendingCount = new int[2];
    private readonly short[] _interleaved = new short[2 * PendingCapacity];
    private readonly byte[] _encoded;
    private bool _disposed;

    /// <summary>Starts a recording on <paramref name="stream"/> (seekable, so the sizes can be patched).</summary>
    /// <param name="stream">Where the WAV goes; disposed with the recorder.</param>
    /// <param name="encoding">PCM 16-bit (lossless, 32 kB/s) or a G.711 law (half the size).</param>
    public StereoCallRecorder(Stream stream, WavEncoding encoding = WavEncoding.Pcm16)
    {
        _writer = new WavWriter(stream, new WavFormat(encoding, G711.ClockRate, 2));
        _encoded = encoding == WavEncoding.Pcm16 ? [] : new byte[_interleaved.Length];
    }

    /// <summary>The stored layout: stereo, 8 kHz.</summary>
    public WavFormat Format => _writer.Format;

    /// <summary>Recorded time so far.</summary>
    public TimeSpan Duration
    {
        get
        {
            lock (_lock)
            {
                return TimeSpan.FromSeconds((double)_writer.DataLength / Format.BlockAlign / G711.ClockRate);
            }
        }
    }

    /// <summary>The file's write buffer.</summary>
    public const int WriteBufferBytes = 64 * 1024;

    /// <summary>Creates the file at <paramref name="path"/> (and its folder) and starts recording into it.</summary>
    public static StereoCallRecorder Create(string path, WavEncoding encoding = WavEncoding.Pcm16)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        // 64 KiB: one write to the file every ~2 s of stereo audio rather than every ~128 ms (the default 4 KiB), since
        // frames are written on the relay's receive path.
        return new StereoCallRecorder(new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, WriteBufferBytes), encoding);
    }

    /// <summary>Adds what the caller said (a G.711 payload).</summary>
    public void WriteCaller(ReadOnlySpan<byte> codes, G711Law law) => Append(Caller, codes, law);

    /// <summary>Adds what the agent said (a G.711 payload).</summary>
    public void WriteAgent(ReadOnlySpan<byte> codes, G711Law law) => Append(Agent, codes, law);

    /// <summary>Adds what the caller said (linear samples).</summary>
    public void WriteCaller(ReadOnlySpan<short> samples) => Append(Caller, samples);

    /// <summary>Adds what the agent said (linear samples).</summary>
    public void WriteAgent(ReadOnlySpan<short> samples) => Append(Agent, samples);

    /// <summary>
    /// Adds what the caller said, heard <paramref name="position"/> samples after the recording started: a gap since the
    /// caller's last sample is silence; samples before it (a late packet, or time already padded while the agent ran
    /// ahead) are dropped. No codes just pads the caller's side up to <paramref name="position"/>.
    /// </summary>
    public void WriteCallerAt(long position, ReadOnlySpan<byte> codes, G711Law law) => AppendAt(Caller, position, codes, law);

    /// <summary>Adds what the agent said at <paramref name="position"/> (see <see cref="WriteCallerAt"/>).</summary>
    public void WriteAgentAt(long position, ReadOnlySpan<byte> codes, G711Law law) => AppendAt(Agent, position, codes, law);

    /// <summary>Writes what is pending (the shorter side padded with silence) and patches the header.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            int longer = Math.Max(_pendingCount[Caller], _pendingCount[Agent]);
            Emit(longer);
            _writer.Dispose();
        }
    }

    private void Append(int side, ReadOnlySpan<byte> codes, G711Law law)
    {
        Span<short> samples = stackalloc short[G711.SamplesPerFrame];
        while (!codes.IsEmpty)
        {
            int take = Math.Min(codes.Length, samples.Length);
            G711.Decode(law, codes[..take], samples);
            Append(side, samples[..take]);
            codes = codes[take..];
        }
    }

    private void Append(int side, ReadOnlySpan<short> samples)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            AppendLocked(side, samples);
        }
    }

    private void AppendAt(int side, long position, ReadOnlySpan<byte> codes, G711Law law)
    {
        Span<short> samples = stackalloc short[G711.SamplesPerFrame];
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long next = (_writer.DataLength / Format.BlockAlign) + _pendingCount[side];
            if (position > next)
            {
                AppendSilence(side, position - next);
            }
            else if (next - position >= codes.Length)
            {
                return;
            }
            else
            {
                codes = codes[(int)(next - position)..];
            }

            while (!codes.IsEmpty)
            {
                int take = Math.Min(codes.Length, samples.Length);
                G711.Decode(law, codes[..take], samples);
                AppendLocked(side, samples[..take]);
                codes = codes[take..];
            }
        }
    }

    private void AppendLocked(int side, ReadOnlySpan<short> samples)
    {
        while (!samples.IsEmpty)
        {
            int take = Math.Min(samples.Length, PendingCapacity - _pendingCount[side]);
            samples[..take].CopyTo(_pending[side].AsSpan(_pendingCount[side]));
            _pendingCount[side] += take;
            samples = samples[take..];
            Drain();
        }
    }

    private void AppendSilence(int side, long count)
    {
        while (count > 0)
        {
            int take = (int)Math.Min(count, PendingCapacity - _pendingCount[side]);
            _pending[side].AsSpan(_pendingCount[side], take).Clear();
            _pendingCount[side] += take;
            count -= take;
            Drain();
        }
    }

    // Writes every sample both sides have, then whatever puts one side more than MaxSkew ahead.
    private void Drain()
    {
        Emit(Math.Min(_pendingCount[Caller], _pendingCount[Agent]));
        int ahead = Math.Max(_pendingCount[Caller], _pendingCount[Agent]) - MaxSkewSamples;
        if (ahead > 0)
        {
            Emit(ahead);
        }
    }

    // Writes the first `count` sample frames, taking silence from a side that has fewer.
    private void Emit(int count)
    {
        if (count == 0)
        {
            return;
        }

        Span<short> stereo = _interleaved.AsSpan(0, 2 * count);
        for (int side = Caller; side <= Agent; side++)
        {
            int available = Math.Min(count, _pendingCount[side]);
            short[] pending = _pending[side];
            for (int i = 0; i < count; i++)
            {
                stereo[(2 * i) + side] = i < available ? pending[i] : (short)0;
            }

            Array.Copy(pending, available, pending, 0, _pendingCount[side] - available);
            _pendingCount[side] -= available;
        }

        if (Format.TryGetLaw(out G711Law law))
        {
            G711.Encode(law, stereo, _encoded);
            _writer.Write(_encoded.AsSpan(0, stereo.Length));
        }
        else
        {
            _writer.Write(stereo);
        }
    }
}

using System.Buffers.Binary;
using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Recording;
using CallCenter.Gateway.Media.Wav;

namespace CallCenter.Gateway.Tests.Media.Recording;

public sealed class StereoCallRecorderSpecs
{
    private static short[] Frame(short value) => Enumerable.Repeat(value, G711.SamplesPerFrame).ToArray();

    private static (WavFormat Format, short[] Left, short[] Right) ReadBack(MemoryStream stream)
    {
        using WavReader reader = WavReader.Open(new MemoryStream(stream.ToArray()));
        byte[] data = reader.ReadAll();
        var samples = new short[data.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(2 * i));
        }

        return (reader.Format, samples.Where((_, i) => i % 2 == 0).ToArray(), samples.Where((_, i) => i % 2 == 1).ToArray());
    }

    [Fact]
    public void Recorder_should_put_the_caller_left_and_the_agent_right()
    {
        var stream = new NonClosingStream();
        using (var recorder = new StereoCallRecorder(stream))
        {
            recorder.WriteCaller(Frame(1000));
            recorder.WriteAgent(Frame(-2000));
            recorder.WriteAgent(Frame(-3000));
            recorder.WriteCaller(Frame(4000));
        }

        var (format, left, right) = ReadBack(stream);
        Assert.Equal(new WavFormat(WavEncoding.Pcm16, 8000, 2), format);
        Assert.Equal(Frame(1000).Concat(Frame(4000)), left);
        Assert.Equal(Frame(-2000).Concat(Frame(-3000)), right);
    }

    [Fact]
    public void Recorder_should_fill_a_silent_leg_with_silence_once_the_other_is_200ms_ahead()
    {
        var stream = new NonClosingStream();
        var recorder = new StereoCallRecorder(stream);
        for (int i = 0; i < 15; i++)
        {
            recorder.WriteCaller(Frame(500));
        }

        // 300 ms from the caller, nothing from the agent: 100 ms is already on disk.
        Assert.Equal(TimeSpan.FromMilliseconds(100), recorder.Duration);
        recorder.Dispose();

        var (_, left, right) = ReadBack(stream);
        Assert.Equal(15 * G711.SamplesPerFrame, left.Length);
        Assert.All(left, s => Assert.Equal(500, s));
        Assert.All(right, s => Assert.Equal(0, s));
    }

    [Fact]
    public void Recorder_should_decode_g711_payloads_and_can_store_g711()
    {
        var stream = new NonClosingStream();
        using (var recorder = new StereoCallRecorder(stream, WavEncoding.MuLaw))
        {
            recorder.WriteCaller(Enumerable.Repeat(ALaw.Encode(8000), 160).ToArray(), G711Law.ALaw);
            recorder.WriteAgent(Enumerable.Repeat(MuLaw.Silence, 160).ToArray(), G711Law.MuLaw);
        }

        using WavReader reader = WavReader.Open(new MemoryStream(stream.ToArray()));
        Assert.Equal(new WavFormat(WavEncoding.MuLaw, 8000, 2), reader.Format);
        byte[] data = reader.ReadAll();
        Assert.Equal(320, data.Length);
        Assert.Equal(MuLaw.Encode(ALaw.Decode(ALaw.Encode(8000))), data[0]);
        Assert.Equal(MuLaw.Silence, data[1]);
    }

    [Fact]
    public void Recorder_should_patch_the_header_sizes_on_close()
    {
        var stream = new NonClosingStream();
        using (var recorder = new StereoCallRecorder(stream))
        {
            Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(stream.ToArray().AsSpan(40)));
            recorder.WriteCaller(Frame(1));
            recorder.WriteAgent(Frame(2));
        }

        byte[] file = stream.ToArray();
        Assert.Equal(file.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(4)));
        Assert.Equal(160 * 4, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(40)));
    }

    [Fact]
    public void Recorder_should_place_audio_at_its_position_filling_a_silence_on_both_sides_and_dropping_what_is_late()
    {
        var stream = new NonClosingStream();
        byte[] loud = Enumerable.Repeat(MuLaw.Encode(4000), 160).ToArray();
        using (var recorder = new StereoCallRecorder(stream))
        {
            recorder.WriteCallerAt(0, loud, G711Law.MuLaw);
            recorder.WriteAgentAt(0, loud, G711Law.MuLaw);

            // Neither side sent anything for a second: both resume at 1.02 s, not straight after their last frame.
            recorder.WriteCallerAt(8160, loud, G711Law.MuLaw);
            recorder.WriteAgentAt(8160, loud, G711Law.MuLaw);

            // A packet for time already written (late, or padded meanwhile) is dropped.
            recorder.WriteAgentAt(80, loud, G711Law.MuLaw);
        }

        var (_, left, right) = ReadBack(stream);
        Assert.Equal(8320, left.Length);
        foreach (var channel in new[] { left, right })
        {
            Assert.All(channel[..160], s => Assert.Equal(MuLaw.Decode(MuLaw.Encode(4000)), s));
            Assert.All(channel[160..8160], s => Assert.Equal(0, s));
            Assert.All(channel[8160..], s => Assert.Equal(MuLaw.Decode(MuLaw.Encode(4000)), s));
        }
    }

    [Fact]
    public void Recorder_should_not_pad_twice_a_side_that_was_already_filled_while_the_other_ran_ahead()
    {
        var stream = new NonClosingStream();
        byte[] loud = Enumerable.Repeat(MuLaw.Encode(4000), 160).ToArray();
        using (var recorder = new StereoCallRecorder(stream))
        {
            // The caller talks for 1 s while the agent sends nothing (silence suppression): the recorder pads the agent.
            for (int frame = 0; frame < 50; frame++)
            {
                recorder.WriteCallerAt(frame * 160, loud, G711Law.MuLaw);
            }

            // The agent speaks at 0.9 s: where it was said, not after the 0.8 s already padded.
            recorder.WriteAgentAt(7200, loud, G711Law.MuLaw);
        }

        var (_, left, right) = ReadBack(stream);
        Assert.Equal(8000, left.Length);
        Assert.All(right[..7200], s => Assert.Equal(0, s));
        Assert.All(right[7200..7360], s => Assert.Equal(MuLaw.Decode(MuLaw.Encode(4000)), s));
    }

    // The recorder owns and disposes its stream; the spec still wants to read the bytes afterwards.
    private sealed class NonClosingStream : MemoryStream
    {
        protected override void Dispose(bool disposing)
        {
        }
    }
}

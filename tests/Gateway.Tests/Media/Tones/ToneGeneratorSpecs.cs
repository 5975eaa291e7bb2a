using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Tones;

namespace CallCenter.Gateway.Tests.Media.Tones;

public sealed class ToneGeneratorSpecs
{
    // Relative power of one frequency in a block (the Goertzel algorithm), to check what a tone contains.
    private static double Power(ReadOnlySpan<short> samples, double frequency)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / G711.ClockRate);
        double previous = 0;
        double beforePrevious = 0;
        foreach (short sample in samples)
        {
            double current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return ((previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious)) / samples.Length;
    }

    private static short[] Generate(ToneGenerator generator, TimeSpan length)
    {
        var samples = new short[(int)(length.TotalSeconds * G711.ClockRate)];
        generator.Fill(samples);
        return samples;
    }

    [Fact]
    public void Ringback_should_be_440_plus_480_Hz_two_seconds_on_four_off()
    {
        short[] samples = Generate(ToneGenerator.Ringback(G711Law.MuLaw), TimeSpan.FromSeconds(12));
        ReadOnlySpan<short> firstBurst = samples.AsSpan(0, 16000);

        Assert.True(Power(firstBurst, 440) > 100 * Power(firstBurst, 1000));
        Assert.True(Power(firstBurst, 480) > 100 * Power(firstBurst, 1000));
        Assert.All(samples[16000..48000], s => Assert.Equal(0, s));
        Assert.Contains(samples[48000..48100], s => s != 0);
    }

    [Fact]
    public void A_configured_dual_tone_should_contain_both_of_its_frequencies()
    {
        // DTMF '1': 697 + 1209 Hz.
        var generator = new ToneGenerator(new DualTone(697, 1209), ToneCadence.Continuous, G711Law.ALaw);
        short[] samples = Generate(generator, TimeSpan.FromSeconds(1));

        Assert.True(Power(samples, 697) > 100 * Power(samples, 941));
        Assert.True(Power(samples, 1209) > 100 * Power(samples, 1336));
        Assert.InRange(samples.Max(), 6000, 6554);
    }

    [Fact]
    public void Frames_should_be_the_encoded_tone_until_the_duration_ends()
    {
        var reference = new ToneGenerator(ToneGenerator.BusyTone, ToneGenerator.BusyCadence, G711Law.MuLaw);
        var generator = new ToneGenerator(ToneGenerator.BusyTone, ToneGenerator.BusyCadence, G711Law.MuLaw, TimeSpan.FromMilliseconds(50));
        var frame = new byte[G711.SamplesPerFrame];
        var expectedSamples = new short[G711.SamplesPerFrame];
        var expected = new byte[G711.SamplesPerFrame];

        for (int i = 0; i < 3; i++)
        {
            Assert.True(generator.TryReadFrame(frame));
            reference.Fill(expectedSamples);
            if (i == 2)
            {
                expectedSamples.AsSpan(80).Clear();
            }

            G711.Encode(G711Law.MuLaw, expectedSamples, expected);
            Assert.Equal(expected, frame);
        }

        Assert.False(generator.TryReadFrame(frame));
    }
}

using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Prompts;

namespace CallCenter.Gateway.Tests.Media.Prompts;

public sealed class PromptPlayerSpecs
{
    private static Prompt Constant(string name, short value, int samples) =>
        Prompt.FromSamples(name, Enumerable.Repeat(value, samples).ToArray());

    private static List<byte[]> Play(PromptPlayer player, int maxFrames = 100)
    {
        var frames = new List<byte[]>();
        var frame = new byte[G711.SamplesPerFrame];
        while (frames.Count < maxFrames && player.TryReadFrame(frame))
        {
            frames.Add(frame.ToArray());
        }

        return frames;
    }

    [Fact]
    public void Player_should_join_prompts_without_a_gap_and_pad_the_last_frame_with_silence()
    {
        Prompt callerNumber = Constant("caller-number", 1000, 100);
        Prompt three = Constant("number-3", -1000, 250);
        var player = new PromptPlayer([callerNumber, three], G711Law.MuLaw);

        List<byte[]> frames = Play(player);

        byte a = MuLaw.Encode(1000);
        byte b = MuLaw.Encode(-1000);
        Assert.Equal(3, frames.Count);
        Assert.Equal(Enumerable.Repeat(a, 100).Concat(Enumerable.Repeat(b, 60)), frames[0]);
        Assert.All(frames[1], code => Assert.Equal(b, code));
        Assert.Equal(Enumerable.Repeat(b, 30).Concat(Enumerable.Repeat(MuLaw.Silence, 130)), frames[2]);
        Assert.True(player.IsFinished);
    }

    [Fact]
    public void Looping_player_should_start_over_for_music_on_hold()
    {
        var player = new PromptPlayer(Constant("hold-music", 500, 200), G711Law.ALaw, loop: true);

        List<byte[]> frames = Play(player, maxFrames: 50);

        Assert.Equal(50, frames.Count);
        Assert.All(frames.SelectMany(f => f), code => Assert.Equal(ALaw.Encode(500), code));
        Assert.False(player.IsFinished);
    }

    [Fact]
    public void Player_should_end_at_once_with_nothing_to_play()
    {
        Assert.Empty(Play(new PromptPlayer([], G711Law.MuLaw)));
        Assert.Throws<ArgumentException>(() => new PromptPlayer([], G711Law.MuLaw, loop: true));
    }

    [Theory]
    [InlineData(0, new[] { "number-0" })]
    [InlineData(3, new[] { "number-3" })]
    [InlineData(20, new[] { "number-20" })]
    [InlineData(42, new[] { "number-40", "number-2" })]
    [InlineData(345, new[] { "number-3", "hundred", "number-40", "number-5" })]
    [InlineData(1017, new[] { "number-1", "thousand", "number-17" })]
    [InlineData(90_000, new[] { "number-90", "thousand" })]
    public void Spoken_number_should_name_the_shipped_number_prompts(int value, string[] names)
    {
        Assert.Equal(names, SpokenNumber.PromptNames(value));
    }
}

using CallCenter.Gateway.Media.Codecs;

namespace CallCenter.Gateway.Media.Prompts;

/// <summary>
/// Plays prompts back to back as 20 ms G.711 frames: a frame may span the end of one prompt and the
/// start of the next, so a sentence assembled from parts ("you are caller number" + "three") plays
/// without gaps. With <c>loop</c> it starts over at the end (music on hold); otherwise the last frame is
/// padded with silence and the player ends. Allocation-free per frame.
/// </summary>
public sealed class PromptPlayer : IMediaFrameSource
{
    private readonly IReadOnlyList<Prompt> _prompts;
    private readonly G711Law _law;
    private readonly bool _loop;
    private int _index;
    private int _offset;

    /// <summary>A player for <paramref name="prompts"/> in <paramref name="law"/>.</summary>
    public PromptPlayer(IReadOnlyList<Prompt> prompts, G711Law law, bool loop = false)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        if (loop && prompts.All(p => p.SampleCount == 0))
        {
            throw new ArgumentException("A looping player needs at least one non-empty prompt.", nameof(prompts));
        }

        _prompts = prompts;
        _law = law;
        _loop = loop;
    }

    /// <summary>A player for one prompt.</summary>
    public PromptPlayer(Prompt prompt, G711Law law, bool loop = false)
        : this([prompt], law, loop)
    {
    }

    /// <summary>True once a non-looping player has played everything.</summary>
    public bool IsFinished => !_loop && _index >= _prompts.Count;

    /// <summary>The prompt now playing, or null when finished.</summary>
    public Prompt? Current => _index < _prompts.Count ? _prompts[_index] : null;

    /// <inheritdoc />
    public bool TryReadFrame(Span<byte> frame)
    {
        if (IsFinished)
        {
            return false;
        }

        frame = frame[..G711.SamplesPerFrame];
        int filled = 0;
        while (filled < frame.Length && !IsFinished)
        {
            ReadOnlySpan<byte> codes = _prompts[_index].Codes(_law).Span;
            int take = Math.Min(frame.Length - filled, codes.Length - _offset);
            codes.Slice(_offset, take).CopyTo(frame[filled..]);
            filled += take;
            _offset += take;
            if (_offset == codes.Length)
            {
                _offset = 0;
                _index++;
                if (_loop && _index == _prompts.Count)
                {
                    _index = 0;
                }
            }
        }

        frame[filled..].Fill(_law.Silence());
        return true;
    }
}

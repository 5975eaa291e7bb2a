namespace CallCenter.Gateway.Media;

/// <summary>
/// Something that plays into a call leg: it yields 20 ms frames of G.711 (160 codes at 8 kHz) in the law
/// chosen when it was created, for the sender to packetise. Prompts, tones and music on hold are sources.
/// </summary>
public interface IMediaFrameSource
{
    /// <summary>
    /// Writes the next frame into the first <see cref="Codecs.G711.SamplesPerFrame"/> bytes of
    /// <paramref name="frame"/>; returns false, writing nothing, once the source has ended.
    /// </summary>
    bool TryReadFrame(Span<byte> frame);
}

namespace CallCenter.Gateway.Media.Codecs;

/// <summary>The two companding laws of ITU-T G.711.</summary>
public enum G711Law
{
    /// <summary>µ-law (North America, Japan); RTP payload type 0, "PCMU" (RFC 3551 §4.5.14).</summary>
    MuLaw,

    /// <summary>A-law (Europe and most of the world); RTP payload type 8, "PCMA" (RFC 3551 §4.5.14).</summary>
    ALaw,
}

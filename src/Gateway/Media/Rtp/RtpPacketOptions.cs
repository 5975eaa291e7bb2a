namespace CallCenter.Gateway.Media.Rtp;

/// <summary>The seldom-used parts of an RTP packet a writer may add (RFC 3550 §5.1, §5.3.1).</summary>
public readonly ref struct RtpPacketOptions
{
    /// <summary>Contributing sources, at most 15 (a mixer's inputs).</summary>
    public ReadOnlySpan<uint> Csrcs { get; init; }

    /// <summary>Sets the X bit; <see cref="ExtensionData"/> may still be empty.</summary>
    public bool HasExtension { get; init; }

    /// <summary>The profile-defined first 16 bits of the extension.</summary>
    public ushort ExtensionProfile { get; init; }

    /// <summary>The extension body, whole 32-bit words.</summary>
    public ReadOnlySpan<byte> ExtensionData { get; init; }

    /// <summary>Octets of padding to append, the count octet included; 0 for none.</summary>
    public byte PaddingLength { get; init; }
}

namespace CallCenter.Gateway.Media.Tones;

/// <summary>Two sine waves summed, each at <paramref name="Amplitude"/> of full scale; a single tone when the frequencies match.</summary>
/// <param name="LowFrequency">Hz.</param>
/// <param name="HighFrequency">Hz.</param>
/// <param name="Amplitude">Peak of each component as a fraction of full scale (0-0.5, so the sum cannot clip).</param>
public sealed record DualTone(double LowFrequency, double HighFrequency, double Amplitude = DualTone.DefaultAmplitude)
{
    /// <summary>About -20 dBFS per component: clearly audible, well clear of clipping.</summary>
    public const double DefaultAmplitude = 0.1;
}

/// <summary>A tone's on/off rhythm; <see cref="Off"/> zero means continuous.</summary>
/// <param name="On">How long the tone sounds.</param>
/// <param name="Off">How long the silence between bursts lasts.</param>
public sealed record ToneCadence(TimeSpan On, TimeSpan Off)
{
    /// <summary>A tone that never pauses.</summary>
    public static readonly ToneCadence Continuous = new(TimeSpan.FromSeconds(1), TimeSpan.Zero);
}

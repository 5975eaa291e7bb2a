using System.Net;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Entities;
using CallCenter.Gateway.Media.Prompts;
using CallCenter.Gateway.Media.Transport;
using CallCenter.Gateway.Sip.UserAgent;

namespace CallCenter.Gateway.Calls;

/// <summary>How the gateway's calls behave; the node fills it from <c>CallCenter:Sip</c>, <c>CallCenter:Rtp</c> and <c>CallCenter:Media</c>.</summary>
public sealed record CallGatewayOptions
{
    /// <summary>Address the RTP sockets bind to and that the SDP announces.</summary>
    public IPAddress RtpAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// A talking call with no RTP in either direction for this long is probed with OPTIONS on both legs; a leg
    /// that answers 408/481 (or not at all) is gone, and the call is ended on both sides.
    /// </summary>
    public TimeSpan ProbeAfterSilence { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the gateway waits for an entity's answer before asking again (hang-ups) or giving up (new calls).</summary>
    public TimeSpan EntityTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a hang-up is told to the call's entity before the gateway gives up on it.</summary>
    public int HangUpAttempts { get; init; } = 12;

    /// <summary>
    /// The folder of 8 kHz mono WAV prompts and hold music, loaded once when the gateway starts (relative paths from the
    /// working directory). A missing folder leaves the gateway without prompts: each one asked for is logged as unknown.
    /// </summary>
    public string PromptsPath { get; init; } = "config/prompts";

    /// <summary>
    /// Where recordings go: <c>&lt;RecordingsPath&gt;/&lt;yyyy-MM-dd&gt;/&lt;callId&gt;-&lt;agentId&gt;.wav</c> (the UTC day the
    /// agent was connected), stereo 16-bit PCM at 8 kHz, caller left, agent right.
    /// </summary>
    public string RecordingsPath { get; init; } = "data/recordings";
}

/// <summary>
/// What the gateway's actors share: the SIP user agent, the RTP ports, the entities and the definition in force; and
/// for the callers' media, the prompts (loaded once, from <see cref="CallGatewayOptions.PromptsPath"/>), the one 20 ms
/// send clock every stream is played by, and the time collections and recordings go by.
/// </summary>
public sealed record CallGatewayContext(
    SipUserAgent Sip,
    RtpPortAllocator Ports,
    EntityRouter Entities,
    Func<ContactCenterDefinition> Definition,
    CallGatewayOptions Options)
{
    private MediaClock? _clock;
    private bool _clockStarted;
    private object? _clockLock;

    /// <summary>The prompts and hold music; a corrupt file stops the gateway's start with an error naming it.</summary>
    public PromptLibrary Prompts { get; init; } = LoadPrompts(Options.PromptsPath);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The gateway's send clock, started with the first stream (a node that plays nothing runs no 20 ms timer).</summary>
    public MediaClock Clock => LazyInitializer.EnsureInitialized(ref _clock, ref _clockStarted, ref _clockLock, () => new MediaClock(Time))!;

    private static PromptLibrary LoadPrompts(string folder) => Directory.Exists(folder) ? PromptLibrary.Load(folder) : new PromptLibrary([]);
}

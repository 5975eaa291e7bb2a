using System.Globalization;
using CallCenter.Actors;
using CallCenter.Gateway.Media.Recording;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Transport;

namespace CallCenter.Gateway.Calls;

/// <summary>
/// One agent's part of a call, recorded (<c>ConnectAgent.Record</c>): a stereo WAV, the caller left and the agent right,
/// written by the relay's observer from the bridge until the agent's leg ends.
/// </summary>
public sealed class AgentRecording
{
    private readonly RelayRecording _recording;

    private AgentRecording(CallId callId, AgentId agentId, string path, RelayRecording recording)
    {
        CallId = callId;
        AgentId = agentId;
        Path = path;
        _recording = recording;
        Observer = recording.Observe;
    }

    public CallId CallId { get; }

    public AgentId AgentId { get; }

    public string Path { get; }

    /// <summary>What the relay between <c>callerLeg</c> and the agent's leg hands each packet to.</summary>
    public RtpPacketHandler Observer { get; }

    /// <summary>
    /// Creates <c>&lt;root&gt;/&lt;yyyy-MM-dd&gt;/&lt;callId&gt;-&lt;agentId&gt;.wav</c> (<c>-2</c>, <c>-3</c>... when the same agent
    /// is connected to the call again) and records into it from now on. Throws <see cref="IOException"/> or
    /// <see cref="UnauthorizedAccessException"/> when the file cannot be made.
    /// </summary>
    public static AgentRecording Start(string root, CallId callId, AgentId agentId, RtpEndpoint callerLeg, TimeProvider time)
    {
        var folder = System.IO.Path.Combine(root, time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var name = $"{FileSafe(callId.Value)}-{FileSafe(agentId.Value)}";
        for (var take = 1; ; take++)
        {
            var path = System.IO.Path.Combine(folder, take == 1 ? $"{name}.wav" : $"{name}-{take}.wav");
            if (File.Exists(path))
                continue;
            return new AgentRecording(callId, agentId, path, new RelayRecording(StereoCallRecorder.Create(path), callerLeg, time));
        }
    }

    /// <summary>Closes the file (both channels padded to now) and says what to report.</summary>
    public RecordingReporter.Report Close() => new(CallId, AgentId, Path, _recording.Close().TotalSeconds);

    // Ids come from the definition and the API: keep them from naming another folder.
    private static string FileSafe(string id) =>
        string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}

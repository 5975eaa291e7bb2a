using System.Security.Cryptography;
using Akka.Actor;
using Akka.Event;
using CallCenter.Actors;
using CallCenter.Actors.Calls;

namespace CallCenter.Gateway.Calls;

/// <summary>
/// Tells a call's entity that an agent's recording is complete (<see cref="CallRecorded"/>, with the file's SHA-256),
/// again until it confirms — as hang-ups are told: a recording nobody heard of is a lost one. A child of the gateway's
/// actor rather than of the call's legs, which stop as soon as the call is over; hashing an hour of audio takes a
/// moment, and is done off the actor's thread.
/// </summary>
public sealed class RecordingReporter : ReceiveActor, IWithTimers
{
    private readonly CallGatewayContext _context;
    private readonly Report _report;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private CallRecorded? _recorded;
    private int _attempts;

    public RecordingReporter(CallGatewayContext context, Report report)
    {
        _context = context;
        _report = report;
        Receive<Hashed>(OnHashed);
        Receive<Reply>(OnReply);
        Receive<TellAgain>(_ => Tell());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CallGatewayContext context, Report report) => Akka.Actor.Props.Create(() => new RecordingReporter(context, report));

    protected override void PreStart() =>
        Hash(_report.Path).PipeTo(Self, success: sha => new Hashed(sha, null), failure: e => new Hashed(null, e));

    private static async Task<string> Hash(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }

    private void OnHashed(Hashed hashed)
    {
        if (hashed.Sha256 is null)
        {
            _log.Error("Call {0}: the recording {1} cannot be read ({2}); it is not reported", _report.CallId, _report.Path, hashed.Error?.Message);
            Context.Stop(Self);
            return;
        }

        _recorded = new CallRecorded(_report.CallId, _report.AgentId, _report.Path, _report.DurationSeconds, hashed.Sha256);
        _log.Info("Call {0}: agent {1}'s recording {2} ({3:F1} s, SHA-256 {4})", _report.CallId, _report.AgentId, _report.Path, _report.DurationSeconds, hashed.Sha256);
        Tell();
    }

    private void Tell()
    {
        _attempts++;
        _context.Entities.Ask<object>(_recorded!, _context.Options.EntityTimeout)
            .PipeTo(Self, success: reply => new Reply(reply), failure: e => new Reply(e));
    }

    private void OnReply(Reply reply)
    {
        if (reply.Answer is CommandAccepted or CommandRejected)
        {
            if (reply.Answer is CommandRejected rejected)
                _log.Warning("Call {0}: the call refused the recording {1}: {2}", _report.CallId, _report.Path, rejected.Reason);
            Context.Stop(Self);
            return;
        }

        if (_attempts >= _context.Options.HangUpAttempts)
        {
            _log.Error("Call {0}: the call's entity never confirmed the recording {1} ({2} attempts)", _report.CallId, _report.Path, _attempts);
            Context.Stop(Self);
            return;
        }

        Timers.StartSingleTimer(nameof(TellAgain), new TellAgain(), TimeSpan.FromSeconds(1));
    }

    /// <summary>A closed recording to hash and report.</summary>
    public sealed record Report(CallId CallId, AgentId AgentId, string Path, double DurationSeconds);

    private sealed record Hashed(string? Sha256, Exception? Error);
    private sealed record Reply(object Answer);
    private sealed record TellAgain;
}

using System.Text;
using Akka.Actor;
using Akka.Event;
using CallCenter.Actors;
using CallCenter.Actors.Calls;
using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Dtmf;
using CallCenter.Gateway.Media.Prompts;
using CallCenter.Gateway.Media.Transport;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Sdp;

namespace CallCenter.Gateway.Calls;

// The media commands of the call's entity (MediaCommands.cs): the gateway answers the caller itself, plays prompts,
// collects digits, holds, bridges out, and records agents. The playing and listening is CallerMedia's; here are the
// Seq rules (MediaSteps), the answer, and what is told to the entity.
public sealed partial class CallLegsActor
{
    private readonly MediaSteps _steps = new();
    private CallerMedia? _media;
    private IReadOnlyList<string>? _agreedFormats;

    private void OnPlay(PlayPrompts play)
    {
        if (StartStep(play.Seq) is { } media)
            media.Play(play.Seq, Prompts(play.Prompts), play.Collect);
    }

    /// <summary>
    /// Holds the caller: waiting for an agent, or (bridged to one) put on hold by their agent, whose leg stays up but
    /// no longer hears or is heard by the caller until <see cref="ReconnectAgent"/>.
    /// </summary>
    private void OnHold(HoldCaller hold)
    {
        var holding = _agent is { Connected: true, OnHold: false } bridged ? bridged : null;
        if (!AcceptStep(hold.Seq, holdsAgent: holding is not null))
            return;
        if (holding is not null)
        {
            _log.Info("Call {0}: agent {1} put the caller on hold ({2})", _id, holding.AgentId, Relayed());
            CloseRelay();
            holding.OnHold = true;
            holding.SentBeforeHold = _callerMedia!.PacketsSent;
        }

        if (CallerMediaReady() is not { } media)
        {
            Report(new MediaFinished(_id, hold.Seq, MediaOutcome.Failed, Reason: "503 Service Unavailable - no RTP port"));
            return;
        }

        var music = hold.Music is null ? null : Prompts([hold.Music]).FirstOrDefault();
        media.Hold(hold.Seq, Prompts(hold.Announcement), music, hold.ExitDigits);
    }

    /// <summary>The agent took the caller off hold: the music stops and the legs are bridged again.</summary>
    private void OnReconnect(ReconnectAgent reconnect)
    {
        if (_callerGone || _agent is not { Connected: true, OnHold: true } leg || leg.AgentId != reconnect.AgentId)
        {
            _log.Warning("Call {0}: asked to reconnect agent {1}, who is not holding the caller here", _id, reconnect.AgentId);
            return;
        }

        if (_steps.Accept(reconnect.Seq) != MediaStepDecision.Start)
            return;
        StopCallerMedia();
        leg.OnHold = false;
        _relay = new RtpRelay(_callerMedia!, leg.Media, _recording?.Observer);
        _log.Info("Call {0}: agent {1} took the caller off hold after {2} packets of hold music to the caller, media relayed {3} <-> {4}",
            _id, leg.AgentId, _callerMedia!.PacketsSent - leg.SentBeforeHold, _callerMedia.LocalEndPoint, leg.Media.LocalEndPoint);
    }

    private void OnBridgeOutside(BridgeOutside bridge)
    {
        if (!AcceptStep(bridge.Seq))
            return;
        _media?.Silence();
        if (UriReference.Parse(bridge.Number) is not SipUri uri || IsOurs(uri) || Target(uri) is null)
        {
            _log.Warning("Call {0}: cannot bridge the caller out to '{1}': not a SIP address of another host", _id, bridge.Number);
            Report(new MediaFinished(_id, bridge.Seq, MediaOutcome.Failed, Reason: $"404 Not Found - '{bridge.Number}' is not a SIP address of another host"));
            return;
        }

        // The caller's port is taken now: once the outside party answers, the caller is answered with it.
        if ((_callerMedia ??= OpenMedia()) is null || !CallOutside(uri, transferring: null, bridge.Seq))
        {
            Report(new MediaFinished(_id, bridge.Seq, MediaOutcome.Failed, Reason: "503 Service Unavailable - no RTP port"));
            return;
        }

        if (CallerAnswered)
            CallerMediaReady()?.Ringback();
    }

    /// <summary>
    /// The Seq rules for a media command: true when it is a new step (what was playing, or an outside party being called
    /// for an older step, is replaced). Commands for a caller who left, or who is bridged, change nothing, except the
    /// agent's hold (<paramref name="holdsAgent"/>) and what follows it while the agent's leg waits.
    /// </summary>
    private bool AcceptStep(int seq, bool holdsAgent = false)
    {
        if (_callerGone)
            return false; // the entity hears of the hang-up
        if (_outside is { Connected: true } || (_agent is { Connected: true, OnHold: false } && !holdsAgent))
        {
            _log.Warning("Call {0}: media step {1} ignored: the caller is bridged", _id, seq);
            return false;
        }

        switch (_steps.Accept(seq))
        {
            case MediaStepDecision.Repeat:
                _context.Entities.Tell(_steps.Finished!, Self);
                return false;
            case MediaStepDecision.Ignore:
                return false;
        }

        if (_outside is { Agent: null })
            EndOutside($"replaced by media step {seq}");
        return true;
    }

    /// <summary>A new step for the caller's media: answered if need be; null (the step failed, or is not new) otherwise.</summary>
    private CallerMedia? StartStep(int seq)
    {
        if (!AcceptStep(seq))
            return null;
        if (CallerMediaReady() is { } media)
            return media;
        Report(new MediaFinished(_id, seq, MediaOutcome.Failed, Reason: "503 Service Unavailable - no RTP port"));
        return null;
    }

    /// <summary>The caller's media, answering the caller first if nobody has; null when no RTP port is free.</summary>
    private CallerMedia? CallerMediaReady()
    {
        if (_media is { } ready)
            return ready;
        if (!CallerAnswered && !AnswerForMedia())
            return null;
        // Prompts go in the codec the caller's session has: ours if the gateway answered, the agent's if one did.
        var law = SdpSession.Parse(_caller.LocalSdp.Span).Session is { } local ? SdpRewriter.Law(local) : null;
        var self = Self;
        _media = new CallerMedia(_id, _callerMedia!, law ?? G711Law.MuLaw, SdpRewriter.TelephoneEventPayloadType(_callerRemote ?? _callerOffer),
            _context.Clock, _context.Time, message => self.Tell(new CallerMediaReport(message)));
        return _media;
    }

    /// <summary>
    /// Answers the caller for the gateway's own media: one G.711 codec and telephone-event from their offer
    /// (<see cref="SdpRewriter.Agree"/>), kept as their session so an agent rung later is offered exactly that.
    /// </summary>
    private bool AnswerForMedia()
    {
        if ((_callerMedia ??= OpenMedia()) is not { } endpoint)
            return false;
        var agreed = SdpRewriter.Agree(_callerOffer)!; // the intake took only offers with G.711
        var answer = SdpRewriter.Answer(_callerOffer, _context.Options.RtpAddress, endpoint.LocalEndPoint.Port, _sessionId, _sdpVersion++)!;
        _callerRemote = agreed;
        _agreedFormats = agreed.Media.First(m => m.Media == "audio").Formats;
        _caller.Answer(answer.ToBytes(), [SipHeader.Create(CallHeader, _id.Value)]);
        endpoint.SetRemote(SdpRewriter.RtpTarget(agreed));
        endpoint.Start();
        _log.Info("Call {0}: caller answered for media (formats {1}) on {2}", _id, string.Join(" ", _agreedFormats), endpoint.LocalEndPoint);
        return true;
    }

    private IReadOnlyList<Prompt> Prompts(IEnumerable<string> prompts) =>
        PromptTokens.Resolve(_context.Prompts, prompts, problem => _log.Warning("Call {0}: prompt skipped: {1} (prompts from '{2}')", _id, problem, _context.Options.PromptsPath));

    private void OnMediaReport(CallerMediaReport report)
    {
        switch (report.Message)
        {
            case MediaFinished finished:
                Report(finished);
                break;
            case CallerPressed pressed when _steps.IsRunning(pressed.Seq):
                _context.Entities.Tell(pressed, Self);
                break;
        }
    }

    /// <summary>Tells the entity how the current step ended (and keeps it to tell again); a stale answer is dropped.</summary>
    private void Report(MediaFinished finished)
    {
        if (_steps.Finish(finished))
            _context.Entities.Tell(finished, Self);
    }

    /// <summary>A key press in a SIP INFO from the caller (application/dtmf-relay or application/dtmf).</summary>
    private void OnCallerInfo(SipRequest info)
    {
        var type = info.ContentType is { } t ? $"{t.Type}/{t.Subtype}" : null;
        if (_media is { } media && SipInfoDtmf.TryParse(type, Encoding.UTF8.GetString(info.Body.Span), out var digit))
            media.Press(digit);
    }

    /// <summary>Whatever the gateway plays the caller stops (before a bridge, or they left); a step cut short is not answered.</summary>
    private void StopCallerMedia()
    {
        _media?.Stop();
        _steps.Interrupt();
    }

    private AgentRecording? StartRecording(AgentId agent)
    {
        try
        {
            return AgentRecording.Start(_context.Options.RecordingsPath, _id, agent, _callerMedia!, _context.Time);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Error("Call {0}: agent {1}'s part cannot be recorded: {2}", _id, agent, e.Message);
            return null;
        }
    }

    /// <summary>The agent's leg ended: their recording is closed, and the gateway reports it (until the entity confirms).</summary>
    private void StopRecording()
    {
        if (_recording is not { } recording)
            return;
        _recording = null;
        Context.Parent.Tell(recording.Close());
    }

    /// <summary>What <see cref="CallerMedia"/> reports, from its threads to this actor.</summary>
    private sealed record CallerMediaReport(ICallMessage Message);
}

using System.Collections.Concurrent;
using System.Net;
using CallCenter.Actors;
using CallCenter.Actors.Calls;
using CallCenter.Gateway.Calls;
using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Dtmf;
using CallCenter.Gateway.Media.Prompts;
using CallCenter.Gateway.Media.Rtcp;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Transport;
using CallCenter.Gateway.Tests.Sip.Transport;

namespace CallCenter.Gateway.Tests.Calls;

/// <summary>
/// The caller's media over real loopback sockets: an <see cref="RtpEndpoint"/> stands in for the caller's phone. The
/// send clock and the collection timers run on virtual time, so the packet counts are exact.
/// </summary>
public sealed class CallerMediaSpecs : IAsyncDisposable
{
    private static readonly CallId Call = new("call-7");

    private readonly ManualTimeProvider _time = new();
    private readonly RtpPortAllocator _ports = new(46000, 46999);
    private readonly RtpEndpoint _gateway;
    private readonly RtpEndpoint _phone;
    private readonly MediaClock _clock;
    private readonly RtpPacketizer _keys = new(0, ssrc: 0xCA11, firstSequenceNumber: 1, firstTimestamp: 1000);
    private readonly ConcurrentQueue<Heard> _heard = new();
    private readonly ConcurrentQueue<ICallMessage> _reports = new();
    private readonly ConcurrentQueue<byte[]> _rtcp = new();
    private uint _keyTimestamp = 1000;

    public CallerMediaSpecs()
    {
        _gateway = RtpEndpoint.Open(_ports, IPAddress.Loopback);
        _phone = RtpEndpoint.Open(_ports, IPAddress.Loopback);
        _gateway.SetRemote(_phone.LocalEndPoint);
        _phone.SetRemote(_gateway.LocalEndPoint);
        _phone.PacketHandler = (RtpEndpoint _, in RtpPacket packet) =>
            _heard.Enqueue(new Heard(packet.Header.SequenceNumber, packet.Header.PayloadType, packet.Payload.ToArray(), packet.Header.Ssrc));
        _phone.RtcpHandler = (_, compound) => _rtcp.Enqueue(compound.ToArray());
        _gateway.Start();
        _phone.Start();
        _clock = new MediaClock(_time);
    }

    public async ValueTask DisposeAsync()
    {
        _clock.Dispose();
        await _gateway.DisposeAsync();
        await _phone.DisposeAsync();
    }

    private sealed record Heard(ushort Sequence, byte PayloadType, byte[] Payload, uint Ssrc);

    private CallerMedia Media(G711Law law = G711Law.MuLaw) => new(Call, _gateway, law, TelephoneEvent.DefaultPayloadType, _clock, _time, _reports.Enqueue);

    private static Prompt Tone(string name, double seconds, double frequency = 1000) =>
        Prompt.FromSamples(name, Enumerable.Range(0, (int)(seconds * G711.ClockRate))
            .Select(i => (short)(8000 * Math.Sin(2 * Math.PI * frequency * i / G711.ClockRate))).ToArray());

    /// <summary>Plays <paramref name="ms"/> of the send clock, then waits until the phone has every packet sent so far.</summary>
    private async Task<List<Heard>> Play(int ms)
    {
        _time.Advance(TimeSpan.FromMilliseconds(ms));
        await Eventually.True(() => _heard.Count == _gateway.PacketsSent);
        return [.. _heard.OrderBy(h => h.Sequence)];
    }

    /// <summary>The phone presses a key: RFC 4733 packets of one event, each key with its own timestamp.</summary>
    private void Press(char digit)
    {
        var buffer = new byte[64];
        Span<byte> payload = stackalloc byte[TelephoneEvent.Length];
        foreach (var packet in DtmfSender.CreatePackets(digit, DtmfSender.DefaultDuration))
        {
            packet.Payload.Write(payload);
            int length = _keys.WriteEvent(TelephoneEvent.DefaultPayloadType, _keyTimestamp, packet.Marker, payload, buffer);
            _phone.Send(buffer.AsSpan(0, length));
        }

        _keyTimestamp += 8000;
    }

    private static bool IsSilence(Heard heard, G711Law law) => heard.Payload.All(b => b == law.Silence());

    [Fact]
    public async Task CallerMedia_should_send_a_prompt_in_the_callers_law_then_report_it_played()
    {
        using var media = Media(G711Law.ALaw);
        var prompt = Tone("half-second", 0.5);

        media.Play(1, [prompt], collect: null);
        var heard = await Play(600);

        // 0.5 s is 25 frames of 20 ms; then silence keeps the caller's stream going.
        Assert.Equal(30, heard.Count);
        Assert.All(heard, h => Assert.Equal(G711.PcmaPayloadType, h.PayloadType));
        var codes = prompt.Codes(G711Law.ALaw).ToArray();
        for (var frame = 0; frame < 25; frame++)
            Assert.Equal(codes.Skip(frame * 160).Take(160), heard[frame].Payload);
        Assert.All(heard.Skip(25), h => Assert.True(IsSilence(h, G711Law.ALaw)));
        Assert.Equal([new MediaFinished(Call, 1, MediaOutcome.Played)], _reports);
    }

    [Fact]
    public async Task CallerMedia_should_send_mu_law_when_the_caller_agreed_pcmu()
    {
        using var media = Media(G711Law.MuLaw);
        var prompt = Tone("beep", 0.1);

        media.Play(1, [prompt], collect: null);
        var heard = await Play(100);

        Assert.Equal(5, heard.Count);
        Assert.All(heard, h => Assert.Equal(G711.PcmuPayloadType, h.PayloadType));
        Assert.Equal(prompt.Codes(G711Law.MuLaw).ToArray().Take(160), heard[0].Payload);
    }

    [Fact]
    public async Task CallerMedia_should_end_a_menu_on_a_key_pressed_during_the_prompt_and_stop_the_prompt()
    {
        using var media = Media();
        media.Play(2, [Tone("menu", 5)], new DigitCollection(1, null, 5000));
        await Play(100);

        Press('3');
        await Eventually.True(() => !_reports.IsEmpty);
        var before = _heard.Count;
        var heard = await Play(100);

        Assert.Equal([new MediaFinished(Call, 2, MediaOutcome.Collected, "3")], _reports);
        Assert.All(heard.Skip(before), h => Assert.True(IsSilence(h, G711Law.MuLaw)));
    }

    [Fact]
    public async Task CallerMedia_should_collect_rfc4733_digits_up_to_the_terminator()
    {
        using var media = Media();
        media.Play(3, [Tone("enter-account", 0.2)], new DigitCollection(8, "#", 5000));
        await Play(300);

        foreach (var key in "123#")
            Press(key);
        await Eventually.True(() => !_reports.IsEmpty);

        Assert.Equal([new MediaFinished(Call, 3, MediaOutcome.Terminated, "123")], _reports);
    }

    [Fact]
    public async Task CallerMedia_should_collect_digits_from_sip_info_too()
    {
        using var media = Media();
        media.Play(4, [], new DigitCollection(2, null, 5000));

        media.Press(new DtmfDigit('4', SipInfoDtmf.DefaultDuration, DtmfTransport.SipInfo));
        media.Press(new DtmfDigit('2', SipInfoDtmf.DefaultDuration, DtmfTransport.SipInfo));
        await Play(20);

        Assert.Equal([new MediaFinished(Call, 4, MediaOutcome.Collected, "42")], _reports);
    }

    [Fact]
    public async Task CallerMedia_should_time_out_a_collection_counted_from_the_end_of_the_prompts()
    {
        using var media = Media();
        media.Play(5, [Tone("enter-account", 1)], new DigitCollection(4, "#", 2000));

        await Play(2900);
        Assert.Empty(_reports);
        await Play(200);

        Assert.Equal([new MediaFinished(Call, 5, MediaOutcome.TimedOut, "")], _reports);
    }

    [Fact]
    public async Task CallerMedia_should_hold_with_an_announcement_then_music_looped_and_report_exit_digits()
    {
        using var media = Media();
        var announcement = Tone("agents-busy", 0.1, 700);
        var music = Tone("hold-music", 0.2, 400);

        media.Hold(6, [announcement], music, exitDigits: "*0");
        var heard = await Play(1000);

        Assert.Equal(50, heard.Count);
        Assert.All(heard, h => Assert.False(IsSilence(h, G711Law.MuLaw)));
        var expected = announcement.Codes(G711Law.MuLaw).ToArray()
            .Concat(Enumerable.Repeat(music.Codes(G711Law.MuLaw).ToArray(), 5).SelectMany(c => c)).Take(50 * 160);
        Assert.Equal(expected, heard.SelectMany(h => h.Payload));

        Press('5'); // not an exit digit: ignored
        Press('*');
        await Eventually.True(() => !_reports.IsEmpty);
        Assert.Equal([new CallerPressed(Call, 6, "*")], _reports);
    }

    [Fact]
    public async Task CallerMedia_should_drop_a_replaced_step_unanswered()
    {
        using var media = Media();
        media.Play(7, [Tone("welcome", 0.5)], new DigitCollection(4, null, 1000));

        media.Play(8, [Tone("goodbye", 0.1)], collect: null);
        await Play(3000);

        Assert.Equal([new MediaFinished(Call, 8, MediaOutcome.Played)], _reports);
    }

    [Fact]
    public async Task CallerMedia_should_stop_sending_and_listening_when_stopped_for_a_bridge()
    {
        using var media = Media();
        media.Hold(9, [], Tone("hold-music", 0.2), exitDigits: "*");
        await Play(100);

        media.Stop();
        var count = _heard.Count;
        await Play(500);

        Assert.Equal(count, _heard.Count);
        Assert.Null(_gateway.PacketHandler);
    }

    [Fact]
    public async Task CallerMedia_should_report_its_prompt_in_an_SR_naming_the_SSRC_that_plays()
    {
        using var media = Media();
        media.Play(1, [Tone("welcome", 5)], collect: null);

        // The first report falls 1.25 to 3.75 s in; a second at least 2.5 s after it.
        var heard = new List<Heard>();
        for (var second = 0; second < 4; second++)
            heard = await Play(1000);
        await Eventually.True(() => !_rtcp.IsEmpty);

        Assert.True(RtcpPacket.TryParseReport(_rtcp.First(), out var report));
        Assert.True(report!.IsSenderReport);
        Assert.All(heard, h => Assert.Equal(report.Ssrc, h.Ssrc));
        Assert.InRange(report.SenderInfo!.Value.PacketCount, 62u, 188u);
        Assert.Empty(report.Blocks); // the phone sent no RTP to report on
        Assert.True(RtcpPacket.TryParseCname(_rtcp.First(), out var ssrc, out _));
        Assert.Equal(report.Ssrc, ssrc);
    }

    [Fact]
    public async Task CallerMedia_should_say_BYE_for_its_stream_when_the_leg_closes()
    {
        var media = Media();
        media.Hold(1, [], Tone("hold-music", 1), exitDigits: null);
        var heard = await Play(100);

        media.Dispose();
        await Eventually.True(() => !_rtcp.IsEmpty);

        Assert.True(RtcpPacket.TryParseBye(_rtcp.Single(), out var ssrc));
        Assert.Equal(heard[0].Ssrc, ssrc);
    }

    [Fact]
    public async Task CallerMedia_should_leave_RTCP_to_the_phones_once_stopped_for_a_bridge()
    {
        using var media = Media();
        media.Hold(1, [], Tone("hold-music", 1), exitDigits: null);
        await Play(100);

        media.Stop();
        await Play(20_000);

        Assert.Empty(_rtcp);
        Assert.Equal(0, _gateway.RtcpPacketsSent);
    }
}

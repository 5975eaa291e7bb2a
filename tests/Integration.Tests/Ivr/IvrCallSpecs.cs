using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CallCenter.Integration.Tests.Gateway;
using Xunit.Abstractions;

namespace CallCenter.Integration.Tests.Ivr;

/// <summary>
/// Callers through IVR flows as sipp meets them: DTMF from sipp's RFC 4733 captures chooses a menu option and types
/// an account number, a caller hangs up mid-menu, a prompt's RTP is timed, and a recorded call's WAV is checked with
/// sox. Callers use 127.0.0.70 and up, one address per spec; agents' phones 127.0.0.36 and .37.
/// </summary>
[Collection(IvrCollection.Name)]
public sealed class IvrCallSpecs(IvrNode ivr, ITestOutputHelper output)
{
    private static readonly TimeSpan SippTimeout = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private int NodePort => ivr.Node.SipPort;

    [Fact]
    public async Task Caller_choosing_a_menu_option_by_dtmf_should_wait_in_the_queue_it_names()
    {
        await ivr.EnsurePhonesRegisteredAsync();
        await ivr.ResetAgentsAsync(); // nobody ready: the call waits
        var before = await ivr.FiguresAsync("y");

        await using var caller = Sipp.Caller("500", "127.0.0.70", IvrCaller.Write("2", hangUpAfterMs: 5000), NodePort, SippTimeout);
        var id = await ivr.AwaitCallIdAsync(Sipp.CallerUser(caller));
        var queued = await ivr.AwaitCallAsync(id, c => Text(c, "status") == "queued", "waited in a queue");

        Assert.Equal("y", Text(queued, "queueId"));
        await ExpectSuccessAsync(caller);
        await ivr.AwaitCallAsync(id, c => Text(c, "outcome") == "abandoned", "ended abandoned");
        Assert.Equal(before.Abandoned + 1, (await ivr.FiguresAsync("y")).Abandoned);
    }

    [Fact]
    public async Task Caller_choosing_a_menu_option_by_sip_info_should_wait_in_the_queue_it_names()
    {
        await ivr.EnsurePhonesRegisteredAsync();
        await ivr.ResetAgentsAsync();

        await using var caller = Sipp.Caller("500", "127.0.0.76", IvrCaller.Write("2", hangUpAfterMs: 4000, sipInfo: true), NodePort, SippTimeout);
        var id = await ivr.AwaitCallIdAsync(Sipp.CallerUser(caller));
        var queued = await ivr.AwaitCallAsync(id, c => Text(c, "status") == "queued", "waited in a queue");

        Assert.Equal("y", Text(queued, "queueId"));
        await ExpectSuccessAsync(caller);
    }

    [Fact]
    public async Task Caller_pressing_the_exit_digit_while_holding_should_leave_the_queue_for_the_flows_exit_step()
    {
        await ivr.EnsurePhonesRegisteredAsync();
        await ivr.ResetAgentsAsync(); // nobody ready: the call holds in queue y
        var exitedBefore = await ExitedAsync("y");

        // 2 at 1.5 s chooses queue y; 9 a second later leaves it; the flow says goodbye and hangs up (the caller awaits the BYE).
        await using var caller = Sipp.Caller("500", "127.0.0.75", IvrCaller.Write("29", hangUpAfterMs: null, gapMs: 1000), NodePort, SippTimeout);
        var id = await ivr.AwaitCallIdAsync(Sipp.CallerUser(caller));
        await ExpectSuccessAsync(caller);

        var view = await ivr.AwaitCallAsync(id, c => Text(c, "status") == "ended", "ended");
        Assert.Equal(("ended-by-flow", "end"), (Text(view, "outcome"), Text(view, "step")));
        Assert.Equal(exitedBefore + 1, await ExitedAsync("y"));
    }

    private async Task<int> ExitedAsync(string queue) =>
        (await ivr.Http.GetFromJsonAsync<JsonElement>($"/api/queues/{queue}")).GetProperty("figures").GetProperty("exited").GetInt32();

    [Fact]
    public async Task Caller_typing_an_account_number_should_reach_the_call_variables_and_the_agent()
    {
        await ivr.EnsurePhonesRegisteredAsync();
        await ivr.ResetAgentsAsync("4001");

        await using var agent = await Agent("4001", "agent_answer.xml");
        await using var caller = Sipp.Caller("500", "127.0.0.71", IvrCaller.Write("12345#", hangUpAfterMs: 3000), NodePort, SippTimeout);
        var id = await ivr.AwaitCallIdAsync(Sipp.CallerUser(caller));
        await ExpectSuccessAsync(caller, agent);

        var view = await ivr.AwaitCallAsync(id, c => Text(c, "status") == "ended", "ended");
        Assert.Equal("2345", view.GetProperty("variables").GetProperty("account").GetString());
        Assert.Equal(("x", "4001", "completed"), (Text(view, "queueId"), Text(view, "agentId"), Text(view, "outcome")));
        Assert.Equal(id, Sipp.InviteSeenBy(agent)?.CallCenterCall);
    }

    [Fact]
    public async Task Caller_hanging_up_mid_menu_should_count_as_abandoned_in_the_ivr_and_in_no_queue()
    {
        await ivr.EnsurePhonesRegisteredAsync();
        var (x, y) = (await ivr.FiguresAsync("x"), await ivr.FiguresAsync("y"));

        await using var caller = Sipp.Caller("500", "127.0.0.72", IvrCaller.Write("", hangUpAfterMs: 1500), NodePort, SippTimeout);
        var id = await ivr.AwaitCallIdAsync(Sipp.CallerUser(caller));
        await ExpectSuccessAsync(caller);

        var view = await ivr.AwaitCallAsync(id, c => Text(c, "status") == "ended", "ended");
        Assert.Equal(("abandoned-in-ivr", "menu"), (Text(view, "outcome"), Text(view, "step")));
        Assert.Null(Text(view, "queueId"));
        Assert.Equal((x.Abandoned, x.Offered, y.Abandoned, y.Offered),
            ((await ivr.FiguresAsync("x")).Abandoned, (await ivr.FiguresAsync("x")).Offered, (await ivr.FiguresAsync("y")).Abandoned, (await ivr.FiguresAsync("y")).Offered));
    }

    [Fact]
    public async Task Prompt_rtp_received_by_the_caller_should_last_as_long_as_the_prompt()
    {
        const string address = "127.0.0.73";
        using var media = new UdpClient(new IPEndPoint(IPAddress.Parse(address), 0));
        var port = ((IPEndPoint)media.Client.LocalEndPoint!).Port;
        var received = ReceiveRtpAsync(media, TimeSpan.FromSeconds(20));

        // Entry point 501 plays "welcome" and hangs up: the caller answers nothing and waits for the gateway's BYE.
        await using var caller = Sipp.Caller("501", address, IvrCaller.Write("", hangUpAfterMs: null, mediaPort: port), NodePort, SippTimeout);
        await ExpectSuccessAsync(caller);
        media.Close();
        var packets = await received;

        var prompt = await SoxDurationAsync(Path.Combine(Support.Repository.Root, "config", "prompts", "welcome.wav"));
        Assert.True(packets.Count > 0, $"no RTP reached the caller's media port\n{ivr.Explain(caller)}");
        Assert.All(packets, p => Assert.Equal(8, p.PayloadType)); // PCMA, as the caller offered
        var heard = packets.Count * 0.020;
        output.WriteLine($"welcome.wav {prompt:F3} s; the caller received {packets.Count} RTP packets ({heard:F2} s)");
        Assert.True(Math.Abs(heard - prompt) <= 0.06, $"{packets.Count} packets = {heard:F2} s of audio; welcome.wav lasts {prompt:F2} s");
        var span = (packets[^1].Timestamp - packets[0].Timestamp) / 8000.0 + 0.020;
        Assert.True(Math.Abs(span - heard) < 0.001, $"RTP timestamps span {span:F3} s for {heard:F3} s of packets: not 160 samples apart");
    }

    [Fact]
    public async Task Recorded_call_should_yield_a_stereo_wav_as_long_as_the_talk_and_not_silent()
    {
        await ivr.EnsurePhonesRegisteredAsync();
        await ivr.ResetAgentsAsync("4001");

        await using var agent = await Agent("4001", "agent_answer.xml");
        await using var caller = Sipp.Caller("500", "127.0.0.74", IvrCaller.Write("3", hangUpAfterMs: 4000, talk: true), NodePort, SippTimeout);
        var id = await ivr.AwaitCallIdAsync(Sipp.CallerUser(caller));
        await ExpectSuccessAsync(caller, agent);

        var view = await ivr.AwaitCallAsync(id, c => c.TryGetProperty("recordings", out var r) && r.GetArrayLength() == 1, "had its recording");
        var recording = view.GetProperty("recordings")[0];
        var path = recording.GetProperty("path").GetString()!;
        Assert.StartsWith(ivr.Recordings, path);
        var talk = (view.GetProperty("endedAt").GetDateTimeOffset() - view.GetProperty("answeredAt").GetDateTimeOffset()).TotalSeconds;
        var duration = await SoxDurationAsync(path);
        output.WriteLine($"recording {path}: {duration:F2} s for {talk:F2} s of talk; RMS caller {await RmsAsync(path, 1):F4}, agent {await RmsAsync(path, 2):F4}");
        Assert.True(Math.Abs(duration - talk) <= 0.5, $"the recording lasts {duration:F2} s, the talk {talk:F2} s");
        Assert.Equal(duration, recording.GetProperty("durationSeconds").GetDouble(), 1);
        Assert.Equal("2", (await RunAsync("sox", "--i", "-c", path)).Trim());
        Assert.True(await RmsAsync(path, channel: 1) > 0.001, "the caller's channel is silent");
        Assert.True(await RmsAsync(path, channel: 2) > 0.001, "the agent's channel (sipp echoing the caller) is silent");
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path))),
            recording.GetProperty("sha256").GetString(), ignoreCase: true);
    }

    private static string? Text(JsonElement view, string property) =>
        view.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private Task<BackgroundTool> Agent(string agent, string scenario) =>
        Sipp.AgentAsync(agent, IvrNode.IvrPhones[agent].Address, scenario, NodePort, SippTimeout);

    private async Task ExpectSuccessAsync(params BackgroundTool[] runs)
    {
        var failed = new List<string>();
        foreach (var run in runs)
            if (await run.WaitAsync(WaitLimit) is var exit && exit != 0)
                failed.Add($"{run.Name} exited {exit}");
        if (failed.Count == 0)
            return;
        var explanation = ivr.Explain(runs);
        output.WriteLine(explanation);
        Assert.Fail($"{string.Join(", ", failed)} (sipp: 0 = every call succeeded, 1 = a call failed, -1 = killed at the limit)\n{explanation}");
    }

    private sealed record RtpPacket(int PayloadType, uint Timestamp);

    /// <summary>Collects RTP packets until the socket is closed or <paramref name="limit"/> passes.</summary>
    private static async Task<List<RtpPacket>> ReceiveRtpAsync(UdpClient socket, TimeSpan limit)
    {
        var packets = new List<RtpPacket>();
        using var stop = new CancellationTokenSource(limit);
        try
        {
            while (true)
            {
                var datagram = await socket.ReceiveAsync(stop.Token);
                var b = datagram.Buffer;
                if (b.Length >= 12 && b[0] >> 6 == 2)
                    packets.Add(new RtpPacket(b[1] & 0x7f, (uint)(b[4] << 24 | b[5] << 16 | b[6] << 8 | b[7])));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { }
        return packets;
    }

    private static async Task<double> SoxDurationAsync(string path) =>
        double.Parse((await RunAsync("sox", "--i", "-D", path)).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The RMS amplitude (0-1) of one channel, from <c>sox FILE -n remix N stat</c>.</summary>
    private static async Task<double> RmsAsync(string path, int channel)
    {
        var stat = await RunAsync("sox", path, "-n", "remix", channel.ToString(CultureInfo.InvariantCulture), "stat");
        var line = stat.Split('\n').First(l => l.StartsWith("RMS     amplitude", StringComparison.Ordinal));
        return double.Parse(line.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        // sox prints stat to stderr
        return await stdout + await stderr;
    }
}

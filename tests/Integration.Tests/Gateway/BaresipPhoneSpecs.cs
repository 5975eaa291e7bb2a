using Xunit.Abstractions;

namespace CallCenter.Integration.Tests.Gateway;

/// <summary>
/// A real softphone as an agent's phone: baresip (Debian baresip-core 1.0) registers as agent 3005
/// with its password, answers by itself, sends a 440 Hz tone and plays what it hears into ALSA's null
/// device. Found by trying it here:
/// <list type="bullet">
/// <item>no UI module is loaded, so nothing reads stdin and no terminal is needed; -t bounds its life;</item>
/// <item>-n ADDRESS binds it to one loopback address (-n lo fails: "could not get IPv4 address"), with
///   sip_listen on the same address;</item>
/// <item>audio without a device: source ausine (it needs ausrc_srate 48000 and ausrc_channels 2 and is
///   resampled to 8 kHz), player alsa,null (the null PCM of alsa.conf); aufile is a source only;</item>
/// <item>";answermode=auto" in the account line answers every call at once;</item>
/// <item>it gives up ("Register: Function not implemented") on a 401 that also offers SHA-256, hence the
///   node's MD5-only digest in <see cref="GatewayNode"/>;</item>
/// <item>its Contact user is "3005-0x..." (not the agent id): the gateway must route by the registered Contact.</item>
/// </list>
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BaresipPhoneSpecs(GatewayNode gateway, ITestOutputHelper output)
{
    private const string Agent = "3005";
    private const int BaresipSipPort = 5080;

    [Fact]
    public async Task Baresip_as_an_agents_phone_should_register_answer_a_queued_call_and_carry_media_both_ways()
    {
        await gateway.ResetAgentsAsync();
        var (password, address) = GatewayNode.Phones[Agent];
        var config = Directory.CreateTempSubdirectory("baresip-").FullName;
        await File.WriteAllTextAsync(Path.Combine(config, "config"), $"""
            poll_method             epoll
            sip_listen              {address}:{BaresipSipPort}
            audio_player            alsa,null
            audio_alert             alsa,null
            audio_source            ausine,440
            ausrc_srate             48000
            ausrc_channels          2
            rtp_ports               42000-42100
            module_path             /usr/lib/baresip/modules
            module                  g711.so
            module                  ausine.so
            module                  alsa.so
            module_app              account.so

            """);
        await File.WriteAllTextAsync(Path.Combine(config, "accounts"),
            $"<sip:{Agent}@127.0.0.1:{gateway.Node.SipPort}>;auth_pass={password};answermode=auto;regint=600\n");

        await using var phone = BackgroundTool.Start("baresip", "baresip", ["-f", config, "-n", address, "-t", "90"], config);
        try
        {
            await gateway.AwaitPhoneAsync(Agent, TimeSpan.FromSeconds(15));
        }
        catch (Xunit.Sdk.XunitException e)
        {
            Assert.Fail($"{e.Message}\n{gateway.Explain(phone)}");
        }
        await gateway.SetStatusAsync(Agent, "ready");
        var mediaBefore = gateway.MediaLines().Keys.ToHashSet();

        await using var caller = Sipp.Caller("300", "127.0.0.51", "caller_bye.xml", gateway.Node.SipPort, TimeSpan.FromSeconds(30), "-d", "3000");
        var exit = await caller.WaitAsync(TimeSpan.FromSeconds(45));
        Assert.True(exit == 0, $"the caller's call through baresip failed (sipp exit {exit})\n{gateway.Explain(caller, phone)}");

        // baresip sends no X-CallCenter-Call back: the call is the one media line that is new.
        string[] fresh = [];
        await GatewayNode.AwaitAsync(() => Task.FromResult((fresh = gateway.MediaLines().Keys.Except(mediaBefore).ToArray()).Length > 0),
            TimeSpan.FromSeconds(10), () => Task.FromResult($"no new media line in the node's output\n{gateway.Explain(caller, phone)}"));
        Assert.True(fresh.Length == 1, $"expected one new media line, saw {string.Join(", ", fresh)}");
        var media = gateway.MediaLines()[fresh[0]];
        output.WriteLine($"call {fresh[0]}: {media}");
        Assert.True(media.CallerToAgent > 0 && media.AgentToCaller > 0,
            $"RTP was not relayed both ways ({media}); baresip sends a tone, sipp plays g711a.pcap\n{gateway.Explain(caller, phone)}");
        Assert.Contains("Call established", phone.Output);

        await gateway.SetStatusAsync(Agent, "not-ready", "break");
    }
}

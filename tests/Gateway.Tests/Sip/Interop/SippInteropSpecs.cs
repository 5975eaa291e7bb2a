using System.Net;
using System.Text;
using CallCenter.Gateway.Sip.Auth;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Registrar;
using CallCenter.Gateway.Sip.Transaction;
using CallCenter.Gateway.Sip.UserAgent;
using CallCenter.Gateway.Tests.Sip.Message;
using Xunit.Abstractions;

namespace CallCenter.Gateway.Tests.Sip.Interop;

/// <summary>The stack against sipp 3.6 on loopback (each test on its own 127.0.0.x address, bounded in time).</summary>
public sealed class SippInteropSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly byte[] Sdp = Encoding.ASCII.GetBytes(SampleMessages.Sdp);
    private readonly string _dir = Directory.CreateTempSubdirectory("sipp-").FullName;

    [Fact]
    public async Task Stack_uas_should_complete_every_call_of_sipp_uac()
    {
        var address = IPAddress.Parse("127.0.0.51");
        await using var stack = SipStack.Open(new IPEndPoint(address, 0));
        stack.Agent.IncomingCall += call => call.Answer(Sdp);
        var sippPort = ExternalProcess.FreeUdpPort(address);

        await using var sipp = ExternalProcess.Start("sipp",
            $"-sn uac -m 20 -r 10 -nostdin -trace_stat -stf {_dir}/uac.csv -i {address} -p {sippPort} {stack.EndPoint} -timeout 40s -timeout_error", _dir);
        var (exit, log) = await sipp.WaitAsync(Limit);
        output.WriteLine(log[^Math.Min(log.Length, 2000)..]);

        Assert.Equal(0, exit);
        Assert.Equal((20, 0), ExternalProcess.SippCounts($"{_dir}/uac.csv"));
    }

    [Fact]
    public async Task Stack_uac_should_call_sipp_uas_ack_its_200_and_hang_up()
    {
        var address = IPAddress.Parse("127.0.0.52");
        var sippPort = ExternalProcess.FreeUdpPort(address);
        await using var sipp = ExternalProcess.Start("sipp",
            $"-sn uas -m 1 -nostdin -trace_stat -stf {_dir}/uas.csv -i {address} -p {sippPort} -timeout 40s -timeout_error", _dir);
        await using var stack = SipStack.Open(new IPEndPoint(address, 0));
        var target = new SipTarget(new IPEndPoint(address, sippPort));

        // sipp binds its socket a moment after it starts: keep offering until it answers (bounded).
        OutboundCall call;
        SipResponse answer;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        do
        {
            call = stack.Agent.Call(SipUri.Create(address.ToString(), sippPort, "service"), target, Sdp);
            answer = await call.Completion.WaitAsync(Limit);
        }
        while (answer.StatusCode is 408 or 503 && DateTime.UtcNow < deadline);

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal(SipCallState.Confirmed, call.State);
        var bye = await call.HangUpAsync().WaitAsync(Limit);
        Assert.Equal(200, bye.StatusCode);

        var (exit, log) = await sipp.WaitAsync(Limit);
        output.WriteLine(log[^Math.Min(log.Length, 2000)..]);
        Assert.Equal(0, exit);
        Assert.Equal((1, 0), ExternalProcess.SippCounts($"{_dir}/uas.csv"));
    }

    [Fact]
    public async Task Registrar_should_accept_sipp_register_with_the_right_password()
    {
        var (exit, bindings) = await RegisterWithSipp("127.0.0.53", "secret1001", 200);

        Assert.Equal(0, exit);
        Assert.Single(bindings);
    }

    [Fact]
    public async Task Registrar_should_reject_sipp_register_with_a_wrong_password()
    {
        var (exit, bindings) = await RegisterWithSipp("127.0.0.54", "not-the-password", 403);

        Assert.Equal(0, exit); // the scenario expects the 403
        Assert.Empty(bindings);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Exit, IReadOnlyList<SipBinding> Bindings)> RegisterWithSipp(string ip, string password, int expected)
    {
        var address = IPAddress.Parse(ip);
        // Both algorithms are offered, MD5 first: sipp 3.6.1 answers the first challenge and knows only MD5
        // ("createAuthHeader: authentication must use MD5 or AKAv1-MD5"); the default order is SHA-256 first (RFC 8760 §2.4).
        var auth = new DigestAuthenticator(new InMemoryCredentialProvider([new SipCredential("1001", "secret1001")]),
            new DigestOptions { Algorithms = [DigestAlgorithm.Md5, DigestAlgorithm.Sha256] });
        using var registrar = new SipRegistrar(new InMemoryBindingStore(), auth);
        await using var stack = SipStack.Open(new IPEndPoint(address, 0));
        stack.Agent.Handle(SipMethods.Register, async tx => tx.Respond(await registrar.RegisterAsync(tx.Request, tx.Flow)));

        var scenario = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sip", "Scenarios", "register_digest.xml"))
            .Replace("password=secret1001", $"password={password}")
            .Replace("response=\"200\"", $"response=\"{expected}\"");
        File.WriteAllText($"{_dir}/register.xml", scenario);
        var sippPort = ExternalProcess.FreeUdpPort(address);

        await using var sipp = ExternalProcess.Start("sipp",
            $"-sf {_dir}/register.xml -m 1 -nostdin -trace_stat -stf {_dir}/reg.csv -i {address} -p {sippPort} {stack.EndPoint} -timeout 40s -timeout_error", _dir);
        var (exit, log) = await sipp.WaitAsync(Limit);
        output.WriteLine(log[^Math.Min(log.Length, 2000)..]);
        return (exit, registrar.Lookup($"sip:1001@{ip}"));
    }
}

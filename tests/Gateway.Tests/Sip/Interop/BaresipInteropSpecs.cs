using System.Net;
using CallCenter.Gateway.Sip.Auth;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Registrar;
using CallCenter.Gateway.Sip.UserAgent;
using CallCenter.Gateway.Tests.Sip.Transport;
using Xunit.Abstractions;

namespace CallCenter.Gateway.Tests.Sip.Interop;

/// <summary>A real softphone (baresip 1.0, headless: no UI or audio modules) registering with digest at our registrar.</summary>
public sealed class BaresipInteropSpecs(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("baresip-").FullName;

    [Fact]
    public async Task Registrar_should_bind_baresip_after_its_digest_answer()
    {
        var address = IPAddress.Parse("127.0.0.61");
        var phone = IPAddress.Parse("127.0.0.62");
        var changes = new List<SipBindingChange>();
        // MD5 only: baresip 1.0 (libre) gives up on a 401 holding any non-MD5 challenge, even listed second
        // ("Register: Function not implemented"), measured here with both offered in either order.
        var auth = new DigestAuthenticator(new InMemoryCredentialProvider([new SipCredential("1001", "secret1001")]),
            new DigestOptions { Algorithms = [DigestAlgorithm.Md5] });
        using var registrar = new SipRegistrar(new InMemoryBindingStore(), auth);
        registrar.BindingChanged += c => { lock (changes) { changes.Add(c); } };
        await using var stack = SipStack.Open(new IPEndPoint(address, 0));
        var challenged = 0;
        stack.Agent.Handle(SipMethods.Register, async tx =>
        {
            var response = await registrar.RegisterAsync(tx.Request, tx.Flow);
            Interlocked.Add(ref challenged, response.StatusCode == 401 ? 1 : 0);
            tx.Respond(response);
        });

        File.WriteAllText(Path.Combine(_dir, "config"),
            $"sip_listen {phone}:{ExternalProcess.FreeUdpPort(phone)}\nmodule_path /usr/lib/baresip/modules\nmodule account.so\n");
        File.WriteAllText(Path.Combine(_dir, "accounts"), $"<sip:1001@{stack.EndPoint}>;auth_pass=secret1001;regint=60\n");
        await using var baresip = ExternalProcess.Start("baresip", $"-f {_dir} -s -t 20", _dir);

        try
        {
            await Eventually.True(() => registrar.Lookup($"sip:1001@{address}").Count == 1, TimeSpan.FromSeconds(15));
        }
        finally
        {
            output.WriteLine((await baresip.StopAsync()).Output);
        }

        Assert.True(challenged >= 1);
        var binding = Assert.Single(registrar.Lookup($"sip:1001@{address}"));
        Assert.Equal(phone.ToString(), ((SipUri)binding.Contact.Uri).Host);
        Assert.Contains(changes, c => c.Kind == SipBindingChangeKind.Added);
        output.WriteLine(binding.ToString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

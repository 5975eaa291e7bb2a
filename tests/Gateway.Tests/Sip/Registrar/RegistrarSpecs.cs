using CallCenter.Gateway.Sip.Auth;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Registrar;
using CallCenter.Gateway.Tests.Sip.Transaction;
using CallCenter.Gateway.Tests.Sip.Transport;

namespace CallCenter.Gateway.Tests.Sip.Registrar;

public sealed class RegistrarSpecs : IDisposable
{
    private const string Aor = "sip:agent42@127.0.0.1";
    private readonly ManualTimeProvider _time = new();
    private readonly List<SipBindingChange> _changes = [];
    private readonly SipRegistrar _registrar;
    private readonly DigestAuthenticator _auth;
    private uint _cseq;

    public RegistrarSpecs()
    {
        _auth = new DigestAuthenticator(new InMemoryCredentialProvider([new SipCredential("agent42", "secret")]), new DigestOptions(), _time);
        _registrar = new SipRegistrar(new InMemoryBindingStore(), _auth, new SipRegistrarOptions(), _time);
        _registrar.BindingChanged += _changes.Add;
    }

    [Fact]
    public async Task Registrar_should_challenge_a_register_without_credentials()
    {
        var response = await _registrar.RegisterAsync(Register("Contact: <sip:agent42@127.0.0.2:5070>"));

        Assert.Equal(401, response.StatusCode);
        Assert.Equal(2, response.WwwAuthenticate.Count);
        Assert.Empty(_changes);
    }

    [Fact]
    public async Task Registrar_should_bind_an_authenticated_contact_and_list_it()
    {
        var response = await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>", "Expires: 600");

        Assert.Equal(200, response.StatusCode);
        var contact = Assert.Single(response.Contact!.Addresses);
        Assert.Equal("600", contact.Parameters["expires"]);
        Assert.Equal(SipBindingChangeKind.Added, Assert.Single(_changes).Kind);
        Assert.Equal("sip:agent42@127.0.0.2:5070", Assert.Single(_registrar.Lookup(Aor)).ContactKey);
    }

    [Fact]
    public async Task Registrar_should_forbid_a_wrong_password()
    {
        var response = await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>", password: "guess");

        Assert.Equal(403, response.StatusCode);
        Assert.Empty(_registrar.Lookup(Aor));
    }

    [Fact]
    public async Task Registrar_should_challenge_again_with_stale_for_an_old_nonce()
    {
        var challenge = await _registrar.RegisterAsync(Register("Contact: <sip:agent42@127.0.0.2:5070>"));
        _time.Advance(TimeSpan.FromMinutes(6));

        var response = await _registrar.RegisterAsync(Sign(challenge, "secret", "Contact: <sip:agent42@127.0.0.2:5070>"));

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("true", response.WwwAuthenticate[0].Parameters["stale"]);
    }

    [Fact]
    public async Task Registrar_should_forbid_registering_someone_elses_address()
    {
        var challenge = await _registrar.RegisterAsync(Register("Contact: <sip:x@127.0.0.2>"));
        var request = Sign(challenge, "secret", "Contact: <sip:x@127.0.0.2>");
        var other = Messages.Parse<SipRequest>(System.Text.Encoding.UTF8.GetString(SipMessageWriter.ToBytes(request)).Replace("To: <sip:agent42@", "To: <sip:boss@"));

        Assert.Equal(403, (await _registrar.RegisterAsync(other)).StatusCode);
    }

    [Fact]
    public async Task Registrar_should_answer_423_with_min_expires_to_a_too_short_interval()
    {
        var response = await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>;expires=30");

        Assert.Equal(423, response.StatusCode);
        Assert.Equal("60", response.Headers.Get(HeaderNames.MinExpires));
    }

    [Fact]
    public async Task Registrar_should_cap_a_too_long_interval_at_max_expires()
    {
        var response = await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>", "Expires: 86400");

        Assert.Equal("3600", response.Contact!.Addresses[0].Parameters["expires"]);
    }

    [Fact]
    public async Task Registrar_should_keep_several_contacts_with_their_q_values()
    {
        var response = await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>;q=0.7, <sip:agent42@127.0.0.3:5070>;q=0.3;expires=120");

        Assert.Equal(2, _registrar.Lookup(Aor).Count);
        Assert.Equal(["0.7", "0.3"], response.Contact!.Addresses.Select(a => a.Parameters["q"]));
        Assert.Equal(["3600", "120"], response.Contact!.Addresses.Select(a => a.Parameters["expires"]));
    }

    [Fact]
    public async Task Registrar_should_refresh_a_binding()
    {
        await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>", "Expires: 600");
        _time.Advance(TimeSpan.FromSeconds(500));

        var response = await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>", "Expires: 600");

        Assert.Equal("600", response.Contact!.Addresses[0].Parameters["expires"]);
        Assert.Equal([SipBindingChangeKind.Added, SipBindingChangeKind.Refreshed], _changes.Select(c => c.Kind));
    }

    [Fact]
    public async Task Registrar_should_remove_one_contact_with_expires_zero()
    {
        await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>, <sip:agent42@127.0.0.3:5070>");

        var response = await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>;expires=0");

        Assert.Equal("sip:agent42@127.0.0.3:5070", Assert.Single(response.Contact!.Addresses).Uri.ToString());
        Assert.Equal(SipBindingChangeKind.Removed, _changes[^1].Kind);
    }

    [Fact]
    public async Task Registrar_should_remove_every_contact_for_star_with_expires_zero()
    {
        await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>, <sip:agent42@127.0.0.3:5070>");

        var response = await Authenticated("Contact: *", "Expires: 0");

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Contact);
        Assert.Empty(_registrar.Lookup(Aor));
        Assert.Equal(2, _changes.Count(c => c.Kind == SipBindingChangeKind.Removed));
    }

    [Fact]
    public async Task Registrar_should_refuse_star_without_expires_zero()
    {
        Assert.Equal(400, (await Authenticated("Contact: *")).StatusCode);
    }

    [Fact]
    public async Task Registrar_should_refuse_a_lower_cseq_from_the_same_call_id()
    {
        await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>");
        _cseq -= 5;

        Assert.Equal(500, (await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>")).StatusCode);
    }

    [Fact]
    public async Task Registrar_should_expire_bindings_on_the_clock_and_say_so()
    {
        await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>", "Expires: 60");

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Single(_registrar.Lookup(Aor));
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Empty(_registrar.Lookup(Aor));
        Assert.Equal(SipBindingChangeKind.Expired, _changes[^1].Kind);
    }

    [Fact]
    public async Task Registrar_should_list_bindings_for_a_register_without_contact()
    {
        await Authenticated("Contact: <sip:agent42@127.0.0.2:5070>");

        var response = await Authenticated();

        Assert.Single(response.Contact!.Addresses);
    }

    public void Dispose() => _registrar.Dispose();

    private async Task<SipResponse> Authenticated(params string[] lines) => await Authenticated(lines, "secret");

    private async Task<SipResponse> Authenticated(string contact, string? expires = null, string password = "secret") =>
        await Authenticated(expires is null ? [contact] : [contact, expires], password);

    private async Task<SipResponse> Authenticated(string[] lines, string password)
    {
        var challenge = await _registrar.RegisterAsync(Register(lines));
        return await _registrar.RegisterAsync(Sign(challenge, password, lines));
    }

    private SipRequest Sign(SipResponse challenge, string password, params string[] lines)
    {
        var unsigned = Register(lines);
        var authorization = DigestClient.Authorize(Reparse(challenge), unsigned, new SipCredential("agent42", password))!.Value;
        return Register([.. lines, authorization.ToString()]);
    }

    private SipRequest Register(params string[] lines) => Messages.Parse<SipRequest>(
        "REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bKreg\r\nMax-Forwards: 70\r\n" +
        $"From: <sip:agent42@127.0.0.1>;tag=r1\r\nTo: <sip:agent42@127.0.0.1>\r\nCall-ID: reg-1\r\nCSeq: {++_cseq} REGISTER\r\n" +
        string.Concat(lines.Select(l => l + "\r\n")) + "Content-Length: 0\r\n\r\n");

    private static SipResponse Reparse(SipResponse response) =>
        Messages.Parse<SipResponse>(System.Text.Encoding.UTF8.GetString(SipMessageWriter.ToBytes(response)));
}

using CallCenter.Gateway.Sip.Auth;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Tests.Sip.Transaction;
using CallCenter.Gateway.Tests.Sip.Transport;

namespace CallCenter.Gateway.Tests.Sip.Auth;

public sealed class DigestSpecs
{
    private const string Password = "Circle of Life";
    private readonly ManualTimeProvider _time = new();

    [Theory]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Digest_should_compute_the_rfc7616_example_response(DigestAlgorithm algorithm, string expected)
    {
        // RFC 7616 §3.9.1 (an HTTP example: the same function SIP uses, RFC 8760 §2.4).
        var ha1 = Digest.Ha1(algorithm, "Mufasa", "http-auth@example.org", Password);
        var ha2 = Digest.Ha2(algorithm, "GET", "/dir/index.html");

        var response = Digest.Response(algorithm, ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", ha2);

        Assert.Equal(expected, response);
    }

    [Fact]
    public void Authenticator_should_offer_sha256_then_md5_with_qop_auth_and_one_nonce()
    {
        var challenge = Authenticator().Challenge();

        var parsed = Messages.Parse<SipResponse>("SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP 127.0.0.2;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n"
            + string.Concat(challenge.Select(h => $"{h}\r\n")) + "Content-Length: 0\r\n\r\n").WwwAuthenticate;
        Assert.Equal(["SHA-256", "MD5"], parsed.Select(c => c.Parameters["algorithm"]));
        Assert.All(parsed, c => Assert.Equal("\"auth\"", c.Parameters["qop"]));
        Assert.Single(parsed.Select(c => c.Parameters["nonce"]).Distinct());
    }

    [Theory]
    [InlineData(DigestAlgorithm.Sha256)]
    [InlineData(DigestAlgorithm.Md5)]
    public async Task Authenticator_should_accept_what_the_client_computes(DigestAlgorithm algorithm)
    {
        var auth = Authenticator(algorithm);

        var verdict = await auth.VerifyAsync(Signed(auth, "agent42", Password));

        Assert.Equal(DigestOutcome.Authenticated, verdict.Outcome);
        Assert.Equal("agent42", verdict.Username);
    }

    [Fact]
    public async Task Authenticator_should_forbid_a_wrong_password()
    {
        var auth = Authenticator();

        Assert.Equal(DigestOutcome.Forbidden, (await auth.VerifyAsync(Signed(auth, "agent42", "wrong"))).Outcome);
    }

    [Fact]
    public async Task Authenticator_should_forbid_an_unknown_user()
    {
        var auth = Authenticator();

        Assert.Equal(DigestOutcome.Forbidden, (await auth.VerifyAsync(Signed(auth, "nobody", Password))).Outcome);
    }

    [Fact]
    public async Task Authenticator_should_call_an_expired_nonce_stale()
    {
        var auth = Authenticator();
        var request = Signed(auth, "agent42", Password);

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Equal(DigestOutcome.Stale, (await auth.VerifyAsync(request)).Outcome);
        Assert.Contains("stale=true", auth.Challenge(stale: true)[0].ValueText);
    }

    [Fact]
    public async Task Authenticator_should_challenge_a_nonce_it_did_not_issue()
    {
        var auth = Authenticator();
        var other = new DigestAuthenticator(Credentials(), new DigestOptions(), _time); // another key

        Assert.Equal(DigestOutcome.Challenge, (await auth.VerifyAsync(Signed(other, "agent42", Password))).Outcome);
    }

    [Fact]
    public async Task Authenticator_should_refuse_a_replayed_nonce_count()
    {
        var auth = Authenticator();
        var challenge = ChallengeResponse(auth);

        var first = await auth.VerifyAsync(Sign(challenge, "agent42", Password, nc: 1));
        var replay = await auth.VerifyAsync(Sign(challenge, "agent42", Password, nc: 1));
        var next = await auth.VerifyAsync(Sign(challenge, "agent42", Password, nc: 2));

        Assert.Equal([DigestOutcome.Authenticated, DigestOutcome.Challenge, DigestOutcome.Authenticated], [first.Outcome, replay.Outcome, next.Outcome]);
    }

    [Fact]
    public async Task Authenticator_should_reject_credentials_without_qop_as_bad_request()
    {
        var auth = Authenticator();
        var nonce = auth.Nonces.Create();
        var request = Register($"Authorization: Digest username=\"agent42\", realm=\"callcenter\", nonce=\"{nonce}\", uri=\"sip:127.0.0.1\", response=\"00\"\r\n");

        Assert.Equal(DigestOutcome.BadRequest, (await auth.VerifyAsync(request)).Outcome);
    }

    [Fact]
    public void Client_should_answer_the_topmost_challenge_it_supports()
    {
        var sha = DigestClient.Authorize(ChallengeResponse(Authenticator()), Register(string.Empty), new SipCredential("agent42", Password))!.Value;
        var md5 = DigestClient.Authorize(ChallengeResponse(Authenticator(DigestAlgorithm.Md5, DigestAlgorithm.Sha256)), Register(string.Empty), new SipCredential("agent42", Password))!.Value;

        Assert.Contains("algorithm=SHA-256", sha.ValueText);
        Assert.Contains("algorithm=MD5", md5.ValueText);
        Assert.Contains("qop=auth", sha.ValueText);
    }

    [Fact]
    public void Credentials_and_options_should_never_print_the_password()
    {
        var credential = new SipCredential("agent42", Password);
        var header = DigestClient.Authorize(ChallengeResponse(Authenticator()), Register(string.Empty), credential)!.Value;

        Assert.DoesNotContain(Password, credential.ToString());
        Assert.DoesNotContain(Password, $"{credential}");
        Assert.DoesNotContain(Password, Credentials().ToString());
        Assert.DoesNotContain(Password, new DigestOptions().ToString());
        Assert.DoesNotContain(Password, header.ToString());
    }

    private static InMemoryCredentialProvider Credentials() => new([new SipCredential("agent42", Password)]);

    private DigestAuthenticator Authenticator(params DigestAlgorithm[] algorithms) =>
        new(Credentials(), algorithms.Length == 0 ? new DigestOptions() : new DigestOptions { Algorithms = algorithms }, _time);

    private static SipResponse ChallengeResponse(DigestAuthenticator auth) =>
        SipResponseFactory.Create(Register(string.Empty), 401, extra: auth.Challenge()) is var r ? Messages.Parse<SipResponse>(System.Text.Encoding.UTF8.GetString(SipMessageWriter.ToBytes(r))) : null!;

    private static SipRequest Signed(DigestAuthenticator auth, string user, string password) => Sign(ChallengeResponse(auth), user, password, 1);

    private static SipRequest Sign(SipResponse challenge, string user, string password, uint nc) =>
        Register($"{DigestClient.Authorize(challenge, Register(string.Empty), new SipCredential(user, password), nc)!.Value}\r\n");

    public static SipRequest Register(string extraLines) => Messages.Parse<SipRequest>(
        "REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bKreg\r\nMax-Forwards: 70\r\n" +
        "From: <sip:agent42@127.0.0.1>;tag=r1\r\nTo: <sip:agent42@127.0.0.1>\r\nCall-ID: reg-1\r\nCSeq: 1 REGISTER\r\n" +
        "Contact: <sip:agent42@127.0.0.2:5070>\r\n" + extraLines + "Content-Length: 0\r\n\r\n");
}

using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Server;

/// <summary>What this element advertises and accepts (RFC 3261 §11.2, §20.5, §20.37).</summary>
public sealed record SipServerOptions
{
    /// <summary>Methods handed to the request handler; any other method is answered 501 (§8.2.1).</summary>
    public IReadOnlyList<string> Allow { get; init; } =
        [SipMethods.Invite, SipMethods.Ack, SipMethods.Bye, SipMethods.Cancel, SipMethods.Options, SipMethods.Register, SipMethods.Info, SipMethods.Message, SipMethods.Notify, SipMethods.Refer, SipMethods.Update, SipMethods.Prack, SipMethods.Subscribe, SipMethods.Publish];

    /// <summary>Option tags we support; a Require naming another is answered 420 (§8.2.2.3).</summary>
    public IReadOnlyList<string> Supported { get; init; } = ["replaces", "timer", "path", "outbound"];

    public IReadOnlyList<string> Accept { get; init; } = ["application/sdp"];

    /// <summary>Request-URI schemes we serve; others are answered 416 (§8.2.2.1).</summary>
    public IReadOnlyList<string> UriSchemes { get; init; } = ["sip", "sips", "tel"];

    public string ServerName { get; init; } = "CallCenter";
}

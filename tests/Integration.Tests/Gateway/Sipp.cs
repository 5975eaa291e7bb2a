using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace CallCenter.Integration.Tests.Gateway;

/// <summary>
/// sipp runs for the gateway specs: one instance per caller and per agent phone, each on its own
/// loopback address (never 127.0.0.2, which the torture runner uses) so that every SIP and RTP port is
/// 5070 / 6000 on its own address. Every run is bounded by sipp's -timeout and by the test's wait.
/// </summary>
public static partial class Sipp
{
    public const int SipPort = 5070;
    public const int MediaPort = 6000;

    public static string Scenario(string file) => Path.Combine(AppContext.BaseDirectory, "Gateway", "Scenarios", file);

    /// <summary>Registers <paramref name="agent"/>'s phone from (and with a Contact at) <paramref name="address"/>:5070.</summary>
    public static BackgroundTool Register(string agent, string password, string address, int nodePort) =>
        Start($"register-{agent}", "agent_register.xml", address, $"127.0.0.1:{nodePort}", TimeSpan.FromSeconds(15),
            "-s", agent, "-au", agent, "-ap", password);

    /// <summary>
    /// An agent's phone answering one call with <paramref name="scenario"/>, started on the address its
    /// registration gave as Contact; returns once sipp listens there.
    /// </summary>
    public static async Task<BackgroundTool> AgentAsync(string agent, string address, string scenario, int nodePort, TimeSpan timeout, params string[] extra)
    {
        var sipp = Start($"agent-{agent}-{Path.GetFileNameWithoutExtension(scenario)}", scenario, address, $"127.0.0.1:{nodePort}", timeout,
            ["-s", agent, "-rtp_echo", .. extra]);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!IsUdpPortTaken(address, SipPort) && !sipp.HasExited && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        return sipp;
    }

    /// <summary>A customer calling <paramref name="number"/> at the node with <paramref name="scenario"/>.</summary>
    public static BackgroundTool Caller(string number, string address, string scenario, int nodePort, TimeSpan timeout, params string[] extra) =>
        Start($"caller-{Path.GetFileNameWithoutExtension(scenario)}", scenario, address, $"127.0.0.1:{nodePort}", timeout,
            ["-s", number, .. extra]);

    /// <summary>The From user the caller scenarios send (and the gateway copies to the agent's INVITE).</summary>
    public static string CallerUser(BackgroundTool caller) => $"caller-1-{caller.Pid}";

    /// <summary>What an agent scenario logged of the gateway's INVITE (null when none arrived).</summary>
    public static AgentInvite? InviteSeenBy(BackgroundTool agent)
    {
        var log = Path.Combine(agent.Directory, "scenario.log");
        if (!File.Exists(log))
            return null;
        var match = InviteLine().Match(File.ReadAllText(log));
        return match.Success ? new AgentInvite(match.Groups["from"].Value.Trim(), match.Groups["to"].Value.Trim(), match.Groups["call"].Value.Trim()) : null;
    }

    private static BackgroundTool Start(string name, string scenario, string address, string target, TimeSpan timeout, params string[] extra)
    {
        string[] arguments =
        [
            "-sf", Scenario(scenario), "-m", "1", "-nostdin",
            "-i", address, "-p", SipPort.ToString(), "-mi", address, "-mp", MediaPort.ToString(),
            "-timeout", $"{(int)timeout.TotalSeconds}s", "-timeout_error",
            "-trace_err", "-trace_msg", "-message_file", "messages.log", "-trace_logs", "-log_file", "scenario.log",
            .. extra, target,
        ];
        return BackgroundTool.Start($"sipp-{name}", "sipp", arguments);
    }

    /// <summary>True once some process (sipp) has bound the UDP port.</summary>
    private static bool IsUdpPortTaken(string address, int port)
    {
        try
        {
            using var probe = new UdpClient(new IPEndPoint(IPAddress.Parse(address), port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    [GeneratedRegex(@"INVITE agent=\S+ from=(?<from>.*?) to=(?<to>.*?) x-callcenter-call=(?<call>.*?) sdp=")]
    private static partial Regex InviteLine();
}

/// <summary>The gateway's INVITE as an agent's phone saw it.</summary>
public sealed record AgentInvite(string From, string To, string CallCenterCall);

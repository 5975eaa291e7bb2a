// A user agent server on the CallCenter SIP stack for load tests: answers every INVITE 200 with SDP, BYE 200.
// Usage: CallCenter.Bench.SipUas [address] [port] [seconds]
// Prints "listening <address:port>", then at exit (after <seconds>, or on SIGTERM/SIGINT) one line:
//   calls=<answered> ended=<byes> cpu_ms=<process CPU> cpu_us_per_call=<CPU per answered call>
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using CallCenter.Gateway.Sip.UserAgent;

var address = IPAddress.Parse(args.Length > 0 ? args[0] : "127.0.0.1");
var port = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5060;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 600;
var sdp = Encoding.ASCII.GetBytes(
    "v=0\r\no=uas 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");

await using var stack = SipStack.Open(new IPEndPoint(address, port), new SipStackOptions { Agent = new SipUserAgentOptions { User = "uas", SessionTimers = null } });
long answered = 0, ended = 0;
stack.Agent.IncomingCall += call =>
{
    call.Ended += (_, _) => Interlocked.Increment(ref ended);
    call.Answer(sdp);
    Interlocked.Increment(ref answered);
};

var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
Console.WriteLine($"listening {stack.EndPoint}");
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);

var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
var perCall = answered == 0 ? 0 : cpu.TotalMicroseconds / answered;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"calls={answered} ended={ended} cpu_ms={cpu.TotalMilliseconds:F0} cpu_us_per_call={perCall:F1} transactions={stack.Layer.ServerTransactionCount} dialogs={stack.Agent.DialogCount} " +
    $"gc_pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:F0} gc={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} heap_mb={GC.GetTotalMemory(false) / 1048576}"));

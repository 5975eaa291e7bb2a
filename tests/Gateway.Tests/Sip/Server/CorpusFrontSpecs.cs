using System.Collections.Concurrent;
using System.Net;
using CallCenter.Gateway.Sip.Server;
using CallCenter.Gateway.Sip.Transport;
using CallCenter.Gateway.Tests.Sip.Torture;

namespace CallCenter.Gateway.Tests.Sip.Server;

/// <summary>
/// Every corpus message through parser + server front over the in-memory loopback, judged like run.py --strict
/// (responses must get no answer; "400|liberal" needs the 400).
/// </summary>
public sealed class CorpusFrontSpecs
{
    private static readonly IPAddress Runner = IPAddress.Parse("127.0.0.2");

    [Theory]
    [MemberData(nameof(TortureCorpus.Files), MemberType = typeof(TortureCorpus))]
    public async Task Front_should_answer_every_corpus_message_as_expect_tsv_says(string file)
    {
        var c = TortureCorpus.Get(file);
        var network = new LoopbackNetwork();
        var server = network.Bind(new IPEndPoint(IPAddress.Loopback, 5060));
        await using var transport = new SipTransport([server]);
        new SipServerFront(transport, new TestUas()).Start();
        var answers = new ConcurrentQueue<int>();
        network.Sent += (from, to, bytes) =>
        {
            // Answers to malformed requests echo the bad headers, so read the status line off the wire (as run.py does).
            if (to.Address.Equals(Runner) && bytes.Span.StartsWith("SIP/2.0 "u8) && int.TryParse(bytes.Span.Slice(8, 3), out var code))
            {
                answers.Enqueue(code);
            }
        };
        var sender = network.Bind(new IPEndPoint(Runner, 5060));
        foreach (var channel in new ISipChannel[] { sender }.Concat(new[] { 5050, 5070, 6050, 19823 }.Select(p => network.Bind(new IPEndPoint(Runner, p)))))
        {
            channel.Start(_ => ValueTask.CompletedTask);
        }

        await sender.SendAsync(server.LocalEndPoint, c.Bytes);

        var final = answers.Where(code => code >= 200).Select(code => (int?)code).FirstOrDefault();
        Assert.True(Judge(c, final), $"{file}: expected {c.Expected}, got {final?.ToString() ?? "no answer"}");
    }

    private static bool Judge(TortureCorpus.Case c, int? final)
    {
        var isResponse = c.Bytes.AsSpan().StartsWith("SIP/"u8);
        if (c.Expected == "no-crash")
        {
            return true;
        }

        if (isResponse)
        {
            return final is null;
        }

        return c.Expected switch
        {
            "not-400" => final is not null and not 400,
            "answer" => final is not null,
            _ => final is { } code && c.Expected.Split('|').Any(t => t == code.ToString() || (t.EndsWith("xx") && t[0] - '0' == code / 100)),
        };
    }
}

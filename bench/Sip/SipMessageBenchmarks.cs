using System.Buffers;
using BenchmarkDotNet.Attributes;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Tests.Sip.Message;

namespace CallCenter.Bench.Sip;

/// <summary>Parse and serialize cost of typical messages (target: 300,000 INVITE parses/s per core).</summary>
[MemoryDiagnoser]
public class SipMessageBenchmarks
{
    private static readonly byte[] Invite = SampleMessages.Bytes(SampleMessages.Invite);
    private static readonly byte[] Ok = SampleMessages.Bytes(SampleMessages.Ok);
    private static readonly byte[] Register = SampleMessages.Bytes(SampleMessages.Register);

    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private SipMessage _parsedInvite = null!;

    [GlobalSetup]
    public void Setup() => _parsedInvite = SipParser.Parse(new ReadOnlyMemory<byte>(Invite)).Message!;

    [Benchmark]
    public SipMessage? ParseInvite() => SipParser.Parse(new ReadOnlyMemory<byte>(Invite)).Message;

    [Benchmark]
    public SipMessage? ParseOk() => SipParser.Parse(new ReadOnlyMemory<byte>(Ok)).Message;

    [Benchmark]
    public SipMessage? ParseRegister() => SipParser.Parse(new ReadOnlyMemory<byte>(Register)).Message;

    [Benchmark]
    public int SerializeInvite()
    {
        _output.ResetWrittenCount();
        SipMessageWriter.Write(_parsedInvite, _output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int ParseAndSerializeInvite()
    {
        _output.ResetWrittenCount();
        SipMessageWriter.Write(SipParser.Parse(new ReadOnlyMemory<byte>(Invite)).Message!, _output);
        return _output.WrittenCount;
    }
}

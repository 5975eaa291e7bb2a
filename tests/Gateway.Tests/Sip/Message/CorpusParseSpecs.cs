using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Tests.Sip.Torture;

namespace CallCenter.Gateway.Tests.Sip.Message;

public sealed class CorpusParseSpecs
{
    [Theory]
    [MemberData(nameof(TortureCorpus.Files), MemberType = typeof(TortureCorpus))]
    public void Parser_should_give_every_corpus_message_its_expected_outcome(string file)
    {
        var c = TortureCorpus.Get(file);
        var result = SipParser.Parse(c.Bytes);
        Assert.NotNull(result.Message ?? (object?)result.Error);
        Assert.True(result.IsSuccess || result.Error!.StatusCode >= 400, result.ToString());
        System.Console.WriteLine($"{file}\t{c.Expected}\t{result}");
    }
}

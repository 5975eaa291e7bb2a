using CallCenter.Gateway.Calls;
using CallCenter.Gateway.Media.Prompts;

namespace CallCenter.Gateway.Tests.Calls;

public sealed class PromptTokensSpecs
{
    private readonly List<string> _problems = [];

    private IReadOnlyList<string> Expand(params string[] prompts) => PromptTokens.Expand(prompts, _problems.Add);

    [Fact]
    public void Prompt_names_should_stay_as_they_are()
    {
        Assert.Equal(["welcome", "main-menu"], Expand("welcome", "main-menu"));
        Assert.Empty(_problems);
    }

    [Theory]
    [InlineData("digits:1234", "number-1 number-2 number-3 number-4")]
    [InlineData("digits:0042", "number-0 number-0 number-4 number-2")]
    [InlineData("digits: 7 ", "number-7")]
    public void Digits_should_be_said_one_by_one(string token, string names)
    {
        Assert.Equal(names.Split(' '), Expand(token));
        Assert.Empty(_problems);
    }

    [Theory]
    [InlineData("number:0", "number-0")]
    [InlineData("number:42", "number-40 number-2")]
    [InlineData("number:15", "number-15")]
    [InlineData("number:007", "number-7")]
    [InlineData("number:1234", "number-1 thousand number-2 hundred number-30 number-4")]
    [InlineData("number:999999", "number-9 hundred number-90 number-9 thousand number-9 hundred number-90 number-9")]
    public void Numbers_should_be_said_whole(string token, string names)
    {
        Assert.Equal(names.Split(' '), Expand(token));
        Assert.Empty(_problems);
    }

    [Theory]
    [InlineData("amount:12.50", "number-12 dollars number-50 cents")]
    [InlineData("amount:0.05", "number-0 dollars number-5 cents")]
    [InlineData("amount:12", "number-12 dollars")]
    [InlineData("amount:12.00", "number-12 dollars")]
    [InlineData("amount:21.07", "number-20 number-1 dollars number-7 cents")]
    [InlineData("amount:1.5", "number-1 dollars number-50 cents")]
    [InlineData("amount:0.999", "number-1 dollars")]
    [InlineData("amount:.25", "number-0 dollars number-20 number-5 cents")]
    [InlineData("amount:0", "number-0 dollars")]
    public void Amounts_should_be_said_in_dollars_and_cents(string token, string names)
    {
        Assert.Equal(names.Split(' '), Expand(token));
        Assert.Empty(_problems);
    }

    [Theory]
    [InlineData("digits:")]
    [InlineData("digits:12a4")]
    [InlineData("digits:555-1234")]
    [InlineData("number:")]
    [InlineData("number:-5")]
    [InlineData("number:4.5")]
    [InlineData("number:abc")]
    [InlineData("number:1000000")]
    [InlineData("number:99999999999999999999")]
    [InlineData("amount:")]
    [InlineData("amount:-1.00")]
    [InlineData("amount:1e3")]
    [InlineData("amount:1,000.00")]
    [InlineData("amount:$5")]
    [InlineData("amount:1000000")]
    [InlineData("")]
    public void Values_that_cannot_be_said_should_be_reported_and_skipped(string token)
    {
        Assert.Equal(["welcome", "goodbye"], Expand("welcome", token, "goodbye"));
        Assert.Single(_problems);
    }

    [Fact]
    public void Resolving_should_play_known_prompts_in_order_and_report_unknown_ones()
    {
        var library = new PromptLibrary(new[] { "balance-is", "number-5", "dollars" }.Select(n => Prompt.FromSamples(n, new short[80])));

        var prompts = PromptTokens.Resolve(library, ["balance-is", "no-such-prompt", "amount:5"], _problems.Add);

        Assert.Equal(["balance-is", "number-5", "dollars"], prompts.Select(p => p.Name));
        Assert.Equal(["there is no prompt 'no-such-prompt'"], _problems);
    }
}

using CallCenter.Node.Customers;

namespace CallCenter.Node.Tests.Customers;

public sealed class PhoneNumberSpecs
{
    [Theory]
    [InlineData("+32 (2) 555-01.00", "+3225550100")]
    [InlineData(" 555 0100 ", "5550100")]
    [InlineData("0032-2-555", "00322555")]
    [InlineData("1+2", "12")]
    [InlineData("anonymous", "")]
    [InlineData("", "")]
    public void PhoneNumber_should_keep_a_leading_plus_and_the_digits(string raw, string normalised) =>
        Assert.Equal(normalised, PhoneNumber.Normalise(raw));
}

using System.Globalization;
using CallCenter.Actors.Definition;
using CallCenter.Gateway.Media.Prompts;

namespace CallCenter.Gateway.Calls;

/// <summary>
/// Turns the prompts of a media command into shipped prompt files: a file's name stays as it is, and a value
/// (<see cref="PromptValue"/>) is said with the number prompts — <c>digits:1234</c> digit by digit, <c>number:42</c> as
/// a whole number, <c>amount:12.50</c> as dollars and cents. What cannot be said is reported and skipped: a caller
/// hears the rest of the sentence rather than nothing.
/// </summary>
public static class PromptTokens
{
    public const string Dollars = "dollars";
    public const string Cents = "cents";

    /// <summary>The largest whole number (and whole dollars) the number prompts can say.</summary>
    public const int Largest = 999_999;

    /// <summary>The prompt names that say <paramref name="prompts"/>, in order; <paramref name="unreadable"/> hears why a token was skipped.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> prompts, Action<string> unreadable)
    {
        var names = new List<string>();
        foreach (var prompt in prompts)
        {
            if (Say(prompt) is { } said)
                names.AddRange(said);
            else
                unreadable($"'{prompt}' cannot be said with the number prompts");
        }

        return names;
    }

    /// <summary>
    /// The prompts named by <paramref name="prompts"/> (values expanded), in order; a name the library does not have is
    /// reported to <paramref name="unknown"/> and skipped.
    /// </summary>
    public static IReadOnlyList<Prompt> Resolve(PromptLibrary library, IEnumerable<string> prompts, Action<string> unknown)
    {
        var resolved = new List<Prompt>();
        foreach (var name in Expand(prompts, unknown))
        {
            if (library.TryGet(name, out var prompt))
                resolved.Add(prompt);
            else
                unknown($"there is no prompt '{name}'");
        }

        return resolved;
    }

    /// <summary>The names that say one token; null when it is a value that cannot be said.</summary>
    private static IReadOnlyList<string>? Say(string token)
    {
        if (token.StartsWith(PromptValue.DigitsPrefix, StringComparison.Ordinal))
            return Digits(token[PromptValue.DigitsPrefix.Length..].Trim());
        if (token.StartsWith(PromptValue.NumberPrefix, StringComparison.Ordinal))
            return WholeNumber(token[PromptValue.NumberPrefix.Length..].Trim(), out var number) ? SpokenNumber.PromptNames(number) : null;
        if (token.StartsWith(PromptValue.AmountPrefix, StringComparison.Ordinal))
            return Amount(token[PromptValue.AmountPrefix.Length..].Trim());
        return string.IsNullOrWhiteSpace(token) ? null : [token];
    }

    // Only digits: an account or phone number with anything else in it is not what the flow meant to read out.
    private static IReadOnlyList<string>? Digits(string value) =>
        value.Length > 0 && value.All(char.IsAsciiDigit)
            ? value.Select(d => FormattableString.Invariant($"number-{d - '0'}")).ToList()
            : null;

    private static bool WholeNumber(string value, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number <= Largest;

    // Twelve dollars fifty cents; no cents are said for a whole amount, and zero dollars are (0.05 is "zero dollars five cents").
    private static IReadOnlyList<string>? Amount(string value)
    {
        if (value.Length == 0 || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            return null;
        amount = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        if (amount > Largest + 0.99m)
            return null;
        var dollars = (int)decimal.Truncate(amount);
        var cents = (int)((amount - dollars) * 100);
        var names = new List<string>(SpokenNumber.PromptNames(dollars)) { Dollars };
        if (cents > 0)
        {
            names.AddRange(SpokenNumber.PromptNames(cents));
            names.Add(Cents);
        }

        return names;
    }
}

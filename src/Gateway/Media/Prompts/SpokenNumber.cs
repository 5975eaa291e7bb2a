namespace CallCenter.Gateway.Media.Prompts;

/// <summary>
/// Names the shipped number prompts that say an amount in English: 345 is
/// <c>number-3, hundred, number-40, number-5</c>. Covers 0 to 999,999, the range a queue position,
/// wait time or balance needs.
/// </summary>
public static class SpokenNumber
{
    /// <summary>The prompt names that say <paramref name="value"/>.</summary>
    public static IReadOnlyList<string> PromptNames(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 999_999);
        var names = new List<string>();
        if (value == 0)
        {
            names.Add(Number(0));
            return names;
        }

        if (value >= 1000)
        {
            AddBelowThousand(value / 1000, names);
            names.Add("thousand");
            value %= 1000;
        }

        AddBelowThousand(value, names);
        return names;
    }

    private static void AddBelowThousand(int value, List<string> names)
    {
        if (value >= 100)
        {
            names.Add(Number(value / 100));
            names.Add("hundred");
            value %= 100;
        }

        if (value > 20)
        {
            names.Add(Number(value / 10 * 10));
            value %= 10;
        }

        if (value > 0)
        {
            names.Add(Number(value));
        }
    }

    private static string Number(int value) => FormattableString.Invariant($"number-{value}");
}

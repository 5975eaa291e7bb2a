using System.Text;

namespace CallCenter.Node.Customers;

/// <summary>A customer's record, found by the number they call from.</summary>
public sealed record Customer(string Phone, string Name, string? Account, string? Notes, DateTimeOffset UpdatedAt);

/// <summary>One call of the customer's: when it came and ended, how, where, with whom, and the agent's disposition.</summary>
public sealed record CustomerInteraction(
    string CallId,
    string Phone,
    DateTimeOffset At,
    DateTimeOffset? EndedAt,
    string? Outcome,
    string? Queue,
    string? AgentId,
    string? Disposition,
    string? Notes);

/// <summary>The limits a record's fields must keep (the API and the CSV import check them).</summary>
public static class CustomerLimits
{
    public const int Phone = 32;
    public const int Name = 200;
    public const int Account = 64;
    public const int Notes = 4000;

    /// <summary>What is wrong with a record's fields, field by field; empty when it may be stored.</summary>
    public static IReadOnlyList<(string Field, string Reason)> Check(string rawPhone, string? name, string? account, string? notes)
    {
        var errors = new List<(string, string)>();
        if (PhoneNumber.Normalise(rawPhone).Length == 0)
            errors.Add(("phone", "must contain digits"));
        else if (PhoneNumber.Normalise(rawPhone).Length > Phone)
            errors.Add(("phone", $"must be at most {Phone} characters"));
        if (string.IsNullOrWhiteSpace(name))
            errors.Add(("name", "must not be empty"));
        else if (name.Length > Name)
            errors.Add(("name", $"must be at most {Name} characters"));
        if (account?.Length > Account)
            errors.Add(("account", $"must be at most {Account} characters"));
        if (notes?.Length > Notes)
            errors.Add(("notes", $"must be at most {Notes} characters"));
        return errors;
    }
}

/// <summary>Phone numbers as the directory keys them: a leading <c>+</c> kept, then digits only.</summary>
public static class PhoneNumber
{
    /// <summary>
    /// <c>"+32 (2) 555-01.00"</c> becomes <c>"+3225550100"</c>; a number with no digit (<c>anonymous</c>)
    /// becomes the empty string, which the directory never stores.
    /// </summary>
    public static string Normalise(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return "";
        var text = raw.Trim();
        var number = new StringBuilder(text.Length);
        foreach (var c in text)
            if (char.IsAsciiDigit(c))
                number.Append(c);
        if (number.Length == 0)
            return "";
        return text[0] == '+' ? "+" + number : number.ToString();
    }
}

using System.Text;

namespace CallCenter.Node.Customers;

/// <summary>A line of an import that was not taken, and why; <see cref="Line"/> counts from 1, the header included.</summary>
public sealed record RejectedLine(int Line, string Reason);

/// <summary>What a CSV file holds: the records to store, the lines refused, or (<see cref="Error"/>) why the whole file is refused.</summary>
public sealed record CustomerCsvContent(IReadOnlyList<Customer> Customers, IReadOnlyList<RejectedLine> Rejected, string? Error);

/// <summary>
/// The import format: RFC 4180 CSV with the header <c>phone,name,account,notes</c> (quoted fields may hold
/// commas, doubled quotes and line breaks; CRLF or LF). Blank lines are skipped; empty account or notes are null.
/// </summary>
public static class CustomerCsv
{
    public static readonly IReadOnlyList<string> Header = ["phone", "name", "account", "notes"];

    public static CustomerCsvContent Parse(string text, DateTimeOffset now)
    {
        var records = Records(text).ToList();
        var header = records.FirstOrDefault();
        if (header.Fields is null || !header.Fields.Select(f => f.Trim()).SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
            return new([], [], $"the first line must be the header '{string.Join(',', Header)}'");

        var customers = new List<Customer>();
        var rejected = new List<RejectedLine>();
        foreach (var (line, fields, error) in records.Skip(1))
        {
            if (error is not null)
                rejected.Add(new RejectedLine(line, error));
            else if (fields!.Count == 1 && fields[0].Trim().Length == 0)
                continue;
            else if (fields.Count != Header.Count)
                rejected.Add(new RejectedLine(line, $"expected {Header.Count} fields, found {fields.Count}"));
            else if (CustomerLimits.Check(fields[0], fields[1], fields[2], fields[3]) is { Count: > 0 } errors)
                rejected.Add(new RejectedLine(line, string.Join("; ", errors.Select(e => $"{e.Field} {e.Reason}"))));
            else
                customers.Add(new Customer(PhoneNumber.Normalise(fields[0]), fields[1].Trim(), Optional(fields[2]), Optional(fields[3]), now));
        }
        return customers.Count == 0
            ? new([], rejected, rejected.Count == 0 ? "the file has no customer lines" : "no line of the file could be imported")
            : new(customers, rejected, null);
    }

    private static string? Optional(string field) => field.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>The file's records with the line each starts on; a record with an unterminated quote ends the file with an error.</summary>
    private static IEnumerable<(int Line, List<string>? Fields, string? Error)> Records(string text)
    {
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var ended = false;
            while (i < text.Length && !ended)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    if (c == '"') { quoted = false; i++; continue; }
                    if (c == '\n') line++;
                    field.Append(c);
                    i++;
                    continue;
                }
                switch (c)
                {
                    case '"' when field.Length == 0:
                        quoted = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        break;
                    case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                        break;
                    case '\n':
                        line++;
                        ended = true;
                        break;
                    default:
                        field.Append(c);
                        break;
                }
                i++;
            }
            if (quoted)
            {
                yield return (start, null, "a quoted field is not closed");
                yield break;
            }
            fields.Add(field.ToString().TrimEnd('\r'));
            yield return (start, fields, null);
        }
    }
}

using System.Text.Json;

namespace CallCenter.Node.Api;

/// <summary>
/// Reads a JSON request body field by field, collecting a message per bad field so that a 400
/// problem document can name every field that is wrong, not just the first.
/// </summary>
public sealed class JsonBody
{
    /// <summary>Bodies of this API are small; anything larger is refused before parsing.</summary>
    public const int MaxBytes = 64 * 1024;

    private readonly JsonElement _root;

    private JsonBody(JsonElement root) => _root = root;

    public Dictionary<string, string[]> Errors { get; } = new();

    /// <summary>The body's object, for bodies read whole rather than field by field.</summary>
    public JsonElement Root => _root;

    public bool Valid => Errors.Count == 0;

    /// <summary>Parses the body as a JSON object; on failure returns the problem to answer with.</summary>
    public static async Task<(JsonBody? Body, IResult? Problem)> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes)
            return (null, Problems.BadBody("body", $"the body is larger than {MaxBytes} bytes"));
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return (null, Problems.BadBody("body", "the body must be a JSON object"));
            return (new JsonBody(doc.RootElement.Clone()), null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            return (null, Problems.BadBody("body", $"the body is not valid JSON{where}"));
        }
    }

    public string? String(string field, bool required = false, int maxLength = 256)
    {
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
                Fail(field, "is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
            return Fail<string>(field, "must be a string");
        var text = value.GetString()!;
        if (required && text.Trim().Length == 0)
            return Fail<string>(field, "must not be empty");
        return text.Length > maxLength ? Fail<string>(field, $"must be at most {maxLength} characters") : text;
    }

    public int? Int(string field, int min, int max)
    {
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            return FailStruct<int>(field, "must be a whole number");
        return number < min || number > max ? FailStruct<int>(field, $"must be between {min} and {max}") : number;
    }

    /// <summary>
    /// Skills either as a list of names (minimum proficiency 1) or as an object of name to minimum
    /// proficiency (1–5); every name must pass <paramref name="known"/>.
    /// </summary>
    public Dictionary<string, int>? Skills(string field, Func<string, bool> known)
    {
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        var skills = new Dictionary<string, int>();
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                        return Fail<Dictionary<string, int>>(field, "must list skill names as strings");
                    skills[item.GetString()!] = 1;
                }
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (!property.Value.TryGetInt32(out var level) || level is < 1 or > 5)
                        return Fail<Dictionary<string, int>>($"{field}.{property.Name}", "must be a proficiency from 1 to 5");
                    skills[property.Name] = level;
                }
                break;
            default:
                return Fail<Dictionary<string, int>>(field, "must be a list of skill names or an object of skill to proficiency");
        }
        foreach (var unknown in skills.Keys.Where(s => !known(s)))
            Fail(field, $"unknown skill '{unknown}'");
        return skills;
    }

    public Dictionary<string, string>? Variables(string field)
    {
        if (!_root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Object)
            return Fail<Dictionary<string, string>>(field, "must be an object of names to string values");
        var variables = new Dictionary<string, string>();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
                return Fail<Dictionary<string, string>>($"{field}.{property.Name}", "must be a string");
            variables[property.Name] = property.Value.GetString()!;
        }
        return variables;
    }

    public void Fail(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    private T? Fail<T>(string field, string message) where T : class
    {
        Fail(field, message);
        return null;
    }

    private T? FailStruct<T>(string field, string message) where T : struct
    {
        Fail(field, message);
        return null;
    }

    public IResult Problem() => Results.ValidationProblem(Errors, title: "The request body is not valid");
}

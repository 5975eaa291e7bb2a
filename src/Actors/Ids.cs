using System.Text.Json;
using System.Text.Json.Serialization;

namespace CallCenter.Actors;

/// <summary>Identifies one call for its whole life.</summary>
[JsonConverter(typeof(CallIdConverter))]
public sealed record CallId(string Value)
{
    public static CallId New() => new(Guid.NewGuid().ToString("N"));
    public override string ToString() => Value;
}

/// <summary>Identifies one agent (the id agents sign in and register their phone with).</summary>
[JsonConverter(typeof(AgentIdConverter))]
public sealed record AgentId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Identifies one queue by its configured name.</summary>
[JsonConverter(typeof(QueueIdConverter))]
public sealed record QueueId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Writes typed ids as plain JSON strings, so journals stay readable and compact.</summary>
public abstract class StringIdConverter<T>(Func<string, T> create, Func<T, string> value) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        create(reader.GetString() ?? throw new JsonException($"{typeof(T).Name} must be a string"));

    public override void Write(Utf8JsonWriter writer, T id, JsonSerializerOptions options) =>
        writer.WriteStringValue(value(id));

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        create(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T id, JsonSerializerOptions options) =>
        writer.WritePropertyName(value(id));
}

public sealed class CallIdConverter() : StringIdConverter<CallId>(s => new CallId(s), id => id.Value);
public sealed class AgentIdConverter() : StringIdConverter<AgentId>(s => new AgentId(s), id => id.Value);
public sealed class QueueIdConverter() : StringIdConverter<QueueId>(s => new QueueId(s), id => id.Value);

using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace CallCenter.Actors.Serialization;

/// <summary>
/// Serializes every <see cref="IProtocolMessage"/> as compact JSON under the stable name from
/// <see cref="Manifests"/>: journals survive renames, and events stay readable in the database.
/// </summary>
public sealed class ProtocolSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Unique among the system's serializers (Akka reserves 0–40).</summary>
    public const int Id = 1701;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        Manifests.ByType.TryGetValue(o.GetType(), out var name)
            ? name
            : throw new SerializationException($"{o.GetType().FullName} has no stable manifest in {nameof(Manifests)}");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        Manifests.ByName.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options) ?? throw new SerializationException($"null payload for '{manifest}'")
            : throw new SerializationException($"unknown manifest '{manifest}'");
}

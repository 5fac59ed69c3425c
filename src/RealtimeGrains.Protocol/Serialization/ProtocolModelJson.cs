using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>
/// The generation-neutral JSON form of a protocol object (flat, the model's own field names, explicit nulls kept): for
/// storing a configuration and reading it back, to be written later in whichever dialect a peer speaks.
/// </summary>
public static class ProtocolModelJson
{
    /// <summary>Writes <paramref name="value"/> in the model's own shape.</summary>
    /// <typeparam name="T">A protocol object type.</typeparam>
    /// <param name="value">The object.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize<T>(T value)
        where T : ProtocolObject =>
        JsonSerializer.Serialize(value, (JsonTypeInfo<T>)ProtocolJson.Model.GetTypeInfo(typeof(T)));

    /// <summary>Reads an object written by <see cref="Serialize{T}"/>.</summary>
    /// <typeparam name="T">A protocol object type.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The object, or null for a JSON null.</returns>
    /// <exception cref="JsonException">The text is not such an object.</exception>
    public static T? Deserialize<T>(string json)
        where T : ProtocolObject =>
        JsonSerializer.Deserialize(json, (JsonTypeInfo<T>)ProtocolJson.Model.GetTypeInfo(typeof(T)));
}

using System.Text.Json.Serialization;

namespace RealtimeGrains.Gateway;

/// <summary>Source-generated JSON metadata for the hub's own payloads (server events travel as Realtime JSON strings).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HubAttachResult))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(object))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext
{
}

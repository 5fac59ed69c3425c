using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeGrains.Simulator;

/// <summary>Source-generated JSON for the few raw JSON values the simulator copies (never protocol shapes of its own).</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SessionJsonContext : JsonSerializerContext;

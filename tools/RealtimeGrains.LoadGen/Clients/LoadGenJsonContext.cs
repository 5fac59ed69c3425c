using System.Text.Json.Serialization;

namespace RealtimeGrains.LoadGen;

/// <summary>Source-generated JSON metadata of the load generator (no reflection).</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(PhaseResult))]
[JsonSerializable(typeof(List<PhaseResult>))]
internal sealed partial class LoadGenJsonContext : JsonSerializerContext;

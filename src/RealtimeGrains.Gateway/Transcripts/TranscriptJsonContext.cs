using System.Text.Json.Serialization;
using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Gateway;

/// <summary>The transcript's JSON: snake_case names (as the Realtime API's), nulls left out, ISO 8601 times.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SessionTranscript))]
internal sealed partial class TranscriptJsonContext : JsonSerializerContext;

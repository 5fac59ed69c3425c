using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeGrains.Simulator;

/// <summary>Source-generated JSON for script files.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ScriptFile.ScriptFileDocument))]
internal sealed partial class ScriptFileJsonContext : JsonSerializerContext;

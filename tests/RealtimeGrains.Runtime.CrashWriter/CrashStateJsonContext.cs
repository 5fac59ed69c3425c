using System.Text.Json.Serialization;

namespace RealtimeGrains.Runtime.CrashWriter;

[JsonSerializable(typeof(CrashState))]
public sealed partial class CrashStateJsonContext : JsonSerializerContext;

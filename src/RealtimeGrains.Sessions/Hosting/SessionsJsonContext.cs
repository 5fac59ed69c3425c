using System.Text.Json;
using System.Text.Json.Serialization;
using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Sessions.Hosting;

/// <summary>Source-generated JSON contract of the persisted conversation (the grain-state format, web naming).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ConversationState))]
internal sealed partial class SessionsJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;
using RealtimeGrains.Sessions.Conversation;
using RealtimeGrains.Tools;

namespace RealtimeGrains.Sessions.Hosting;

/// <summary>Source-generated JSON contracts of the persisted conversation and of the session and tool grain calls.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ConversationState))]
[JsonSerializable(typeof(ConversationSnapshot))]
[JsonSerializable(typeof(SessionEvent))]
[JsonSerializable(typeof(ResponseOverrides))]
[JsonSerializable(typeof(RealtimeSessionSettings))]
[JsonSerializable(typeof(ClientEventResult))]
[JsonSerializable(typeof(ToolCall))]
[JsonSerializable(typeof(ToolResult))]
[JsonSerializable(typeof(int?))]
internal sealed partial class SessionsJsonContext : JsonSerializerContext;

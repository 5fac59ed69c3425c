using System.Text.Json.Serialization;

namespace RealtimeGrains.Runtime.Messaging;

/// <summary>Source-generated JSON metadata of the message envelope.</summary>
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(ExceptionInfo))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;

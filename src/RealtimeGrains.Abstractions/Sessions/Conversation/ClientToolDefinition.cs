namespace RealtimeGrains.Sessions.Conversation;

/// <summary>
/// A function tool a client declared in its <c>session.update</c>: the client runs it (it sees the calls and sends the
/// outputs), unlike the server's tool grains, which stay hidden.
/// </summary>
/// <param name="Name">The function name (unique among the session's tools, server ones included).</param>
/// <param name="Description">What it does, for the model.</param>
/// <param name="ParametersJson">Its JSON schema, as the client gave it; null when none.</param>
[GenerateSerializer]
[Immutable]
[Alias("RealtimeGrains.Sessions.Conversation.ClientToolDefinition")]
public sealed record ClientToolDefinition(string Name, string? Description, string? ParametersJson);

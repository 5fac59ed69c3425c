using System.Text.Json.Serialization;

namespace RealtimeGrains.Protocol;

/// <summary>
/// A conversation item (section 8): a message, a function call or a function call output (GA also MCP items,
/// whose extra fields stay in <see cref="ProtocolObject.ExtensionData"/>).
/// </summary>
public sealed class RealtimeItem : ProtocolObject
{
    /// <summary><c>item_…</c>; clients may set it on create.</summary>
    public string? Id { get; set; }

    /// <summary><c>realtime.item</c> (server-filled).</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary><c>message</c>, <c>function_call</c>, <c>function_call_output</c> (see <see cref="ItemTypes"/>).</summary>
    public string? Type { get; set; }

    /// <summary><c>completed</c>, <c>incomplete</c> or <c>in_progress</c>.</summary>
    public string? Status { get; set; }

    /// <summary>Message role: <c>system</c>, <c>user</c>, <c>assistant</c>.</summary>
    public string? Role { get; set; }

    /// <summary>Message content parts.</summary>
    public List<ContentPart>? Content { get; set; }

    /// <summary>Function call id (<c>call_…</c>) for function_call and function_call_output.</summary>
    public string? CallId { get; set; }

    /// <summary>Function name (function_call).</summary>
    public string? Name { get; set; }

    /// <summary>Arguments as JSON text (function_call).</summary>
    public string? Arguments { get; set; }

    /// <summary>Function result text (function_call_output).</summary>
    public string? Output { get; set; }

    /// <summary>A user message with one <c>input_text</c> part.</summary>
    /// <param name="text">The text.</param>
    public static RealtimeItem UserText(string text) => new()
    {
        Type = ItemTypes.Message,
        Role = "user",
        Content = [new ContentPart { Type = ContentPartTypes.InputText, Text = text }],
    };

    /// <summary>A function call output item.</summary>
    /// <param name="callId">The call id of the function_call item.</param>
    /// <param name="output">The result text.</param>
    public static RealtimeItem FunctionCallOutput(string callId, string output) => new()
    {
        Type = ItemTypes.FunctionCallOutput,
        CallId = callId,
        Output = output,
    };
}

namespace RealtimeGrains.Protocol;

/// <summary><c>status_details</c> of a response: <c>{type, reason?, error?}</c>.</summary>
public sealed class ResponseStatusDetails : ProtocolObject
{
    /// <summary><c>cancelled</c>, <c>incomplete</c>, <c>failed</c>, <c>completed</c>.</summary>
    public string? Type { get; set; }

    /// <summary><c>turn_detected</c>, <c>client_cancelled</c>, <c>max_output_tokens</c>, <c>content_filter</c>.</summary>
    public string? Reason { get; set; }

    /// <summary>For failed responses: <c>{type, code}</c>.</summary>
    public ProtocolError? Error { get; set; }
}

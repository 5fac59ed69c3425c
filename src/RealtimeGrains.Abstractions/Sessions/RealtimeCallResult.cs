namespace RealtimeGrains.Sessions;

/// <summary>
/// The outcome of a WebRTC request to a session (<see cref="IRealtimeSessionGrain.StartCallAsync"/>,
/// <see cref="IRealtimeSessionGrain.AttachCallAsync"/>, <see cref="IRealtimeSessionGrain.MintClientSecretAsync"/>): an HTTP-like
/// status with the body to return, or why not.
/// </summary>
/// <param name="Status">201 (call created), 200 (done), or the error status for the caller (4xx, 502 when the model service failed).</param>
/// <param name="CallId">The upstream call id, when a call was created or attached.</param>
/// <param name="Body">The SDP answer of a created call, or the JSON of a minted key.</param>
/// <param name="Code">The error code when refused.</param>
/// <param name="Message">The error text when refused; safe to show the client (names no credential).</param>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.RealtimeCallResult")]
[Immutable]
public sealed record RealtimeCallResult(int Status, string? CallId = null, string? Body = null, string? Code = null, string? Message = null)
{
    /// <summary>Whether the request succeeded.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>A refusal.</summary>
    /// <param name="status">The status for the caller.</param>
    /// <param name="code">The error code.</param>
    /// <param name="message">The error text.</param>
    /// <returns>The result.</returns>
    public static RealtimeCallResult Failed(int status, string code, string message) => new(status, Code: code, Message: message);
}

using System.Text.Json;

namespace RealtimeGrains.Simulator;

/// <summary>An HTTP refusal of a call endpoint, written as <c>{"error":{"type","code","message","param"}}</c> like the service's REST errors.</summary>
internal sealed record CallFailure(int StatusCode, string Type, string? Code, string Message, string? Param = null)
{
    public static CallFailure Unauthorized(string message = "Incorrect API key or ephemeral key provided, or the key has expired.") =>
        new(StatusCodes.Status401Unauthorized, "invalid_request_error", "invalid_api_key", message);

    public static CallFailure BadRequest(string message, string? param = null) =>
        new(StatusCodes.Status400BadRequest, "invalid_request_error", "invalid_value", message, param);

    public static CallFailure NotFound(string code, string message) => new(StatusCodes.Status404NotFound, "invalid_request_error", code, message);

    public static CallFailure DeploymentNotFound() => NotFound(
        "DeploymentNotFound",
        "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.");

    public static CallFailure TooManyCalls(int max) =>
        new(StatusCodes.Status429TooManyRequests, "rate_limit_error", "rate_limit_exceeded", $"Too many concurrent calls: the limit is {max} (RealtimeSimulator:WebRtc:MaxCalls).");

    public static CallFailure Unavailable(string message) => new(StatusCodes.Status503ServiceUnavailable, "server_error", "webrtc_unavailable", message);

    public async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCode;
        if (StatusCode == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        context.Response.ContentType = "application/json";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("type", Type);
            writer.WriteString("code", Code);
            writer.WriteString("message", Message);
            writer.WriteString("param", Param);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}

namespace RealtimeGrains.Simulator;

/// <summary>A plain HTTP refusal (before any WebSocket frame), shaped like the service's.</summary>
internal sealed record HttpFailure(int StatusCode, string Code, string Message)
{
    /// <summary>The <c>Retry-After</c> seconds of a 429.</summary>
    public int RetryAfterSeconds { get; init; } = 5;

    public static HttpFailure Unauthorized() => new(
        StatusCodes.Status401Unauthorized,
        "401",
        "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");

    public static HttpFailure DeploymentNotFound() => new(
        StatusCodes.Status404NotFound,
        "DeploymentNotFound",
        "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.");

    public static HttpFailure RateLimited(int retryAfterSeconds = 5) => new(
        StatusCodes.Status429TooManyRequests,
        "429",
        $"Requests to the Realtime API have exceeded the rate limit of your current pricing tier. Please retry after {retryAfterSeconds} seconds.")
    {
        RetryAfterSeconds = retryAfterSeconds,
    };

    public static HttpFailure BadRequest(string message) => new(StatusCodes.Status400BadRequest, "invalid_request_error", message);

    /// <summary>Writes the failure as <c>{"error":{"code","message"}}</c>.</summary>
    public async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCode;
        if (StatusCode == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("code", Code);
            writer.WriteString("message", Message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}

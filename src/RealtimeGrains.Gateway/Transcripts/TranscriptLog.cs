using Microsoft.Extensions.Logging;

namespace RealtimeGrains.Gateway;

/// <summary>Log messages of the transcript and recording endpoints (event ids 6080–6089). Never logs a credential.</summary>
internal static partial class TranscriptLog
{
    [LoggerMessage(6080, LogLevel.Warning, "Rejected {Path}: the server credential is missing or wrong")]
    public static partial void Unauthorized(ILogger logger, string path);
}

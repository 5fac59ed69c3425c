namespace RealtimeGrains.Gateway;

/// <summary>What <see cref="RealtimeHub.Attach"/> returns to the client.</summary>
/// <param name="SessionId">The attached session.</param>
/// <param name="ResumeToken">A single-use token to re-attach to the same session after a reconnect.</param>
/// <param name="ResumeTokenExpiresAt">Unix seconds after which the resume token is refused.</param>
public sealed record HubAttachResult(string SessionId, string ResumeToken, long ResumeTokenExpiresAt);

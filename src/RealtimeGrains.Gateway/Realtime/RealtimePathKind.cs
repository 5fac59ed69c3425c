namespace RealtimeGrains.Gateway;

/// <summary>The Realtime-compatible paths the gateway serves.</summary>
internal enum RealtimePathKind
{
    /// <summary><c>/openai/realtime?api-version=…&amp;deployment=…</c> (Azure preview, beta protocol).</summary>
    AzurePreview,

    /// <summary><c>/openai/v1/realtime?model=…</c> (Azure GA).</summary>
    AzureGa,

    /// <summary><c>/v1/realtime?model=…</c> (OpenAI; beta with <c>OpenAI-Beta: realtime=v1</c>).</summary>
    OpenAI,
}

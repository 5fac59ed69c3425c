namespace RealtimeGrains.Sessions.Upstream;

/// <summary>Which Realtime service a session talks to.</summary>
public enum UpstreamKind
{
    /// <summary>The RealtimeGrains simulator (Azure GA path, <c>api-key</c> header).</summary>
    Simulator,

    /// <summary>Azure OpenAI preview: <c>/openai/realtime?api-version=…&amp;deployment=…</c> (beta protocol).</summary>
    AzurePreview,

    /// <summary>Azure OpenAI GA: <c>/openai/v1/realtime?model=…</c>.</summary>
    AzureGa,

    /// <summary>OpenAI: <c>/v1/realtime?model=…</c> with <c>Authorization: Bearer</c>.</summary>
    OpenAI,
}

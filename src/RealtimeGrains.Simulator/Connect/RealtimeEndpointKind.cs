namespace RealtimeGrains.Simulator;

/// <summary>Which service's URL shape a client used.</summary>
internal enum RealtimeEndpointKind
{
    /// <summary><c>/openai/realtime?api-version=…&amp;deployment=…</c> (preview protocol).</summary>
    AzurePreview,

    /// <summary><c>/openai/v1/realtime?model=…</c> (GA protocol).</summary>
    AzureGa,

    /// <summary><c>/v1/realtime?model=…</c> (beta with the <c>OpenAI-Beta</c> header or subprotocol, else GA).</summary>
    OpenAI,
}

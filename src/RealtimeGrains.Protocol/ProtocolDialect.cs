namespace RealtimeGrains.Protocol;

/// <summary>The two generations of the Realtime wire protocol.</summary>
public enum ProtocolDialect
{
    /// <summary>
    /// Beta / preview: Azure <c>/openai/realtime?api-version=2024-10-01-preview|2025-04-01-preview</c>,
    /// OpenAI <c>/v1/realtime</c> with <c>OpenAI-Beta: realtime=v1</c>. Flat session, beta event names.
    /// </summary>
    Beta,

    /// <summary>GA: Azure <c>/openai/v1/realtime</c>, OpenAI <c>/v1/realtime</c> without the beta header. Nested session.</summary>
    GA,
}

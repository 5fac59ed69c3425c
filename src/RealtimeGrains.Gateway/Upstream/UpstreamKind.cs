namespace RealtimeGrains.Gateway;

/// <summary>Which Realtime service sessions connect to.</summary>
public enum UpstreamKind
{
    /// <summary>The in-process simulator (the default; no account, no network).</summary>
    Simulator,

    /// <summary>Azure OpenAI: preview path when <see cref="UpstreamOptions.ApiVersion"/> is set, GA path otherwise.</summary>
    AzureOpenAI,

    /// <summary>OpenAI's own Realtime API (GA).</summary>
    OpenAI,
}

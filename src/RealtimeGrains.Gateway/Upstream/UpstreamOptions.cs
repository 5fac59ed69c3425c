namespace RealtimeGrains.Gateway;

/// <summary>Where sessions connect upstream (configuration section <c>Upstream</c>). The key never leaves the server.</summary>
public sealed class UpstreamOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Upstream";

    /// <summary>The upstream kind. Default <see cref="UpstreamKind.Simulator"/>.</summary>
    public UpstreamKind Kind { get; set; } = UpstreamKind.Simulator;

    /// <summary>
    /// Base address (<c>https://NAME.openai.azure.com</c>, <c>https://api.openai.com</c>, or a simulator's address).
    /// Simulator without an endpoint: the host's own address plus <see cref="SimulatorPath"/>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Azure deployment name, or the OpenAI/simulator model name.</summary>
    public string Deployment { get; set; } = "gpt-realtime";

    /// <summary>Azure preview API version (e.g. <c>2025-04-01-preview</c>); empty selects the GA path <c>/openai/v1/realtime</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>API key (Azure <c>api-key</c> header, OpenAI Bearer). Secret: never logged or returned.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Azure only: authenticate with Microsoft Entra ID (<c>DefaultAzureCredential</c>) instead of a key.</summary>
    public bool UseEntraId { get; set; }

    /// <summary>
    /// Azure preview WebRTC only: the regional WebRTC URL the browser posts its offer to with a one-minute key
    /// (<c>https://{eastus2|swedencentral}.realtimeapi-preview.ai.azure.com/v1/realtimertc</c>, the resource's region).
    /// Default for the simulator: its own <c>/v1/realtimertc</c>.
    /// </summary>
    public Uri? WebRtcUrl { get; set; }

    /// <summary>Path the in-process simulator is mapped under. Default <c>/sim</c>.</summary>
    public string SimulatorPath { get; set; } = "/sim";

    /// <summary>Deadline for the upstream handshake and its <c>session.created</c>. Default 15 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

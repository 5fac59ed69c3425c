namespace RealtimeGrains.Simulator;

/// <summary>An accepted upgrade request: endpoint, protocol generation, model, subprotocol to select, and the ephemeral key used (if any).</summary>
internal sealed record ConnectRequest(RealtimeEndpointKind Kind, bool Beta, string Model, string? Subprotocol, EphemeralKey? EphemeralKey)
{
    public string EndpointName => Kind switch
    {
        RealtimeEndpointKind.AzurePreview => "azure-preview",
        RealtimeEndpointKind.AzureGa => "azure-ga",
        _ => "openai",
    };
}

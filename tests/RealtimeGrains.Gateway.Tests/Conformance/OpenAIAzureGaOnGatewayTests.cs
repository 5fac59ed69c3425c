namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>npm <c>openai</c> in Azure GA mode: <c>AzureOpenAI</c> + <c>OpenAIRealtimeWS.azure()</c> of <c>openai/realtime/ws</c> (<c>/openai/v1/realtime</c>), through a loopback TLS terminator, against the gateway (a minted client token; server tools <c>get_weather</c>/<c>manage_order</c> upstream).</summary>
public sealed class OpenAIAzureGaOnGatewayTests(OpenAIAzureGaOnGatewayTests.Run run) : OpenAIRealtimeConformanceTests(run), IClassFixture<OpenAIAzureGaOnGatewayTests.Run>
{
    public sealed class Run() : NodeConformanceRun(NodeClient.OpenAIAzureGa, NodeTarget.Gateway);
}

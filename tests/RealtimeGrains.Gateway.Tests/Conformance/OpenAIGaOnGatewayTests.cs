namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>npm <c>openai</c> in GA mode: <c>OpenAI</c> with <c>baseURL …/v1</c> + <c>OpenAIRealtimeWS</c> of <c>openai/realtime/ws</c>, through a loopback TLS terminator, against the gateway (a minted client token; server tools <c>get_weather</c>/<c>manage_order</c> upstream).</summary>
public sealed class OpenAIGaOnGatewayTests(OpenAIGaOnGatewayTests.Run run) : OpenAIRealtimeConformanceTests(run), IClassFixture<OpenAIGaOnGatewayTests.Run>
{
    public sealed class Run() : NodeConformanceRun(NodeClient.OpenAIGa, NodeTarget.Gateway);
}

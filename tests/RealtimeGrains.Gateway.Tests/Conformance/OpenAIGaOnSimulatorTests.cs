namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>npm <c>openai</c> in GA mode: <c>OpenAI</c> with <c>baseURL …/v1</c> + <c>OpenAIRealtimeWS</c> of <c>openai/realtime/ws</c>, through a loopback TLS terminator, against the standalone simulator (its API key).</summary>
public sealed class OpenAIGaOnSimulatorTests(OpenAIGaOnSimulatorTests.Run run) : OpenAIRealtimeConformanceTests(run), IClassFixture<OpenAIGaOnSimulatorTests.Run>
{
    public sealed class Run() : NodeConformanceRun(NodeClient.OpenAIGa, NodeTarget.Simulator);
}

namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>npm <c>openai</c> in Azure GA mode: <c>AzureOpenAI</c> + <c>OpenAIRealtimeWS.azure()</c> of <c>openai/realtime/ws</c> (<c>/openai/v1/realtime</c>), through a loopback TLS terminator, against the standalone simulator (its API key).</summary>
public sealed class OpenAIAzureGaOnSimulatorTests(OpenAIAzureGaOnSimulatorTests.Run run) : OpenAIRealtimeConformanceTests(run), IClassFixture<OpenAIAzureGaOnSimulatorTests.Run>
{
    public sealed class Run() : NodeConformanceRun(NodeClient.OpenAIAzureGa, NodeTarget.Simulator);
}

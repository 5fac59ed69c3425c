namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>npm <c>openai</c> in Azure preview (beta) mode: <c>AzureOpenAI</c> + <c>OpenAIRealtimeWS.azure()</c> of <c>openai/beta/realtime/ws</c>, through a loopback TLS terminator, against the standalone simulator (its API key).</summary>
public sealed class OpenAIAzurePreviewOnSimulatorTests(OpenAIAzurePreviewOnSimulatorTests.Run run) : OpenAIRealtimeConformanceTests(run), IClassFixture<OpenAIAzurePreviewOnSimulatorTests.Run>
{
    public sealed class Run() : NodeConformanceRun(NodeClient.OpenAIAzurePreview, NodeTarget.Simulator);

    [Fact]
    public void SessionCreated_IsFollowedByConversationCreated() => NodeConformanceChecks.ConversationCreated(Report);
}

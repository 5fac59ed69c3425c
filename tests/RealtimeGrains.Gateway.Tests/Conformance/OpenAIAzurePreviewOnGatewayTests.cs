namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>npm <c>openai</c> in Azure preview (beta) mode: <c>AzureOpenAI</c> + <c>OpenAIRealtimeWS.azure()</c> of <c>openai/beta/realtime/ws</c>, through a loopback TLS terminator, against the gateway (a minted client token; server tools <c>get_weather</c>/<c>manage_order</c> upstream).</summary>
public sealed class OpenAIAzurePreviewOnGatewayTests(OpenAIAzurePreviewOnGatewayTests.Run run) : OpenAIRealtimeConformanceTests(run), IClassFixture<OpenAIAzurePreviewOnGatewayTests.Run>
{
    public sealed class Run() : NodeConformanceRun(NodeClient.OpenAIAzurePreview, NodeTarget.Gateway);

    [Fact]
    public void SessionCreated_IsFollowedByConversationCreated() => NodeConformanceChecks.ConversationCreated(Report);
}

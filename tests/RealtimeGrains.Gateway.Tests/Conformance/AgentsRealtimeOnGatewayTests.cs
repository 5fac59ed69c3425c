namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>npm <c>@openai/agents-realtime</c>: a <c>RealtimeAgent</c> with two <c>tool()</c>s in a <c>RealtimeSession</c> over the SDK's WebSocket transport (plain <c>ws://</c>), against the gateway (a minted client token; server tools <c>get_weather</c>/<c>manage_order</c> upstream).</summary>
public sealed class AgentsRealtimeOnGatewayTests(AgentsRealtimeOnGatewayTests.Run run) : IClassFixture<AgentsRealtimeOnGatewayTests.Run>
{
    public sealed class Run() : NodeConformanceRun(NodeClient.AgentsRealtime, NodeTarget.Gateway);

    [Fact]
    public void Connect_ReceivesSessionCreated() => NodeConformanceChecks.Connect(run.Report);

    [Fact]
    public void SessionCreated_CarriesTheEffectiveSessionConfig() => NodeConformanceChecks.SessionCreatedConfig(run.Report);

    [Fact]
    public void AgentConfig_IsEchoedInSessionUpdated_WithOnlyTheAgentsTools() => NodeConformanceChecks.SessionUpdate(run.Report);

    [Fact]
    public void SdkSessionUpdates_AreAcceptedWithoutError() => NodeConformanceChecks.SessionUpdateAccepted(run.Report);

    [Fact]
    public void SdkTracingUpdate_IsEchoedInSessionUpdated() => NodeConformanceChecks.SessionUpdateTracing(run.Report);

    [Fact(Skip = "not expressible with @openai/agents-realtime: the SDK sends session.update events of its own (agent config, tracing) without event ids, so answers cannot be paired with requests")]
    public void SessionUpdated_ComesOnlyInAnswerToSessionUpdate() => NodeConformanceChecks.NotExpressible(run.Report, "no_unsolicited_session_updated");

    [Fact]
    public void SendMessage_StreamsAudioAndTranscript_WithUsageInResponseDone() => NodeConformanceChecks.TextTurn(run.Report, "You said: hello agent");

    [Fact]
    public void ToolChoiceRequired_SdkRunsTheAgentsTool_ReplyUsesItsOutput() => NodeConformanceChecks.ToolForcedRequired(run.Report);

    [Fact]
    public void ToolChoiceNamedFunction_SdkRunsThatTool_ReplyUsesItsOutput() => NodeConformanceChecks.ToolForcedNamed(run.Report);

    [Fact]
    public void ToolChoiceAuto_TextNamingTheTool_SdkRunsIt_ReplyUsesItsOutput() => NodeConformanceChecks.ToolAutoNamed(run.Report);

    [Fact]
    public void Interrupt_TruncatesThePlayingItem() => NodeConformanceChecks.ItemTruncate(run.Report, null);

    [Fact]
    public void Interrupt_CancelsTheStreamingResponse() => NodeConformanceChecks.ResponseCancel(run.Report);

    [Fact(Skip = "not expressible with @openai/agents-realtime: its ResponseCreateSequencer holds every response.create (sendMessage, requestResponse, sendEvent) until the active response is done")]
    public void SecondResponseCreate_WhileOneStreams_GetsConversationAlreadyHasActiveResponse() => NodeConformanceChecks.NotExpressible(run.Report, "second_response_conflict");

    [Fact]
    public void UpdateHistory_WithoutAnItem_DeletesIt() => NodeConformanceChecks.ItemDelete(run.Report);

    [Fact]
    public void Delete_UnknownItem_GetsItemDeleteInvalidItemId() => NodeConformanceChecks.ItemDeleteUnknown(run.Report);

    [Fact]
    public void UnknownEventType_GetsInvalidValue_AndTheSocketStaysOpen() => NodeConformanceChecks.UnknownEvent(run.Report);

    [Fact]
    public void WrongKey_ConnectIsRefused() => NodeConformanceChecks.WrongKey(run.Report);
}

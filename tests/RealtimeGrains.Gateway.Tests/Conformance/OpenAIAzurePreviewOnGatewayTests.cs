namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>npm <c>openai</c> in Azure preview (beta) mode: <c>AzureOpenAI</c> + <c>OpenAIRealtimeWS.azure()</c> of <c>openai/beta/realtime/ws</c>, through a loopback TLS terminator, against the gateway (a minted client token; server tools <c>get_weather</c>/<c>manage_order</c> upstream).</summary>
public sealed class OpenAIAzurePreviewOnGatewayTests(OpenAIAzurePreviewOnGatewayTests.Run run) : IClassFixture<OpenAIAzurePreviewOnGatewayTests.Run>
{
    public sealed class Run() : NodeConformanceRun(NodeClient.OpenAIAzurePreview, NodeTarget.Gateway);

    [Fact]
    public void Connect_ReceivesSessionCreated() => NodeConformanceChecks.Connect(run.Report);

    [Fact]
    public void SessionCreated_CarriesTheEffectiveSessionConfig() => NodeConformanceChecks.SessionCreatedConfig(run.Report);

    [Fact]
    public void SessionCreated_IsFollowedByConversationCreated() => NodeConformanceChecks.ConversationCreated(run.Report);

    [Fact]
    public void SessionUpdate_IsEchoedInSessionUpdated_WithOnlyTheClientsTools() => NodeConformanceChecks.SessionUpdate(run.Report);

    [Fact]
    public void SessionUpdated_ComesOnlyInAnswerToSessionUpdate() => NodeConformanceChecks.NoUnsolicitedSessionUpdated(run.Report);

    [Fact]
    public void TextTurn_StreamsAudioAndTranscript_WithUsageInResponseDone() => NodeConformanceChecks.TextTurn(run.Report, "You said: hello conformance");

    [Fact]
    public void ToolChoiceRequired_CallsTheClientTool_ReplyUsesItsOutput() => NodeConformanceChecks.ToolForcedRequired(run.Report);

    [Fact]
    public void ToolChoiceNamedFunction_CallsThatTool_ReplyUsesItsOutput() => NodeConformanceChecks.ToolForcedNamed(run.Report);

    [Fact]
    public void ToolChoiceAuto_TextNamingTheTool_CallsIt() => NodeConformanceChecks.ToolAutoNamed(run.Report);

    [Fact]
    public void Truncate_AssistantAudio_IsConfirmedAtTheGivenMs() => NodeConformanceChecks.ItemTruncate(run.Report, 500);

    [Fact]
    public void Cancel_StreamingResponse_EndsCancelledByClient() => NodeConformanceChecks.ResponseCancel(run.Report);

    [Fact]
    public void SecondResponseCreate_WhileOneStreams_GetsConversationAlreadyHasActiveResponse() => NodeConformanceChecks.SecondResponseConflict(run.Report);

    [Fact]
    public void SecondResponseCreate_Refusal_EchoesTheClientsEventId() => NodeConformanceChecks.SecondResponseConflictEventId(run.Report);

    [Fact]
    public void Delete_Item_IsConfirmedWithItsId() => NodeConformanceChecks.ItemDelete(run.Report);

    [Fact]
    public void Delete_UnknownItem_GetsItemDeleteInvalidItemId() => NodeConformanceChecks.ItemDeleteUnknown(run.Report);

    [Fact]
    public void UnknownEventType_GetsInvalidValue_AndTheSocketStaysOpen() => NodeConformanceChecks.UnknownEvent(run.Report);

    [Fact]
    public void WrongKey_HandshakeIsRefusedWith401() => NodeConformanceChecks.WrongKey(run.Report);
}

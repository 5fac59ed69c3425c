namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>
/// The checks every mode of the npm <c>openai</c> realtime client runs, on either target; one derived class per client mode
/// and target, each with its own run of the Node script (a class fixture).
/// </summary>
public abstract class OpenAIRealtimeConformanceTests(NodeConformanceRun run)
{
    /// <summary>The Node run's report the checks read.</summary>
    protected NodeConformanceReport Report => run.Report;

    [Fact]
    public void Connect_ReceivesSessionCreated() => NodeConformanceChecks.Connect(Report);

    [Fact]
    public void SessionCreated_CarriesTheEffectiveSessionConfig() => NodeConformanceChecks.SessionCreatedConfig(Report);

    [Fact]
    public void SessionUpdate_IsEchoedInSessionUpdated_WithOnlyTheClientsTools() => NodeConformanceChecks.SessionUpdate(Report);

    [Fact]
    public void SessionUpdated_ComesOnlyInAnswerToSessionUpdate() => NodeConformanceChecks.NoUnsolicitedSessionUpdated(Report);

    [Fact]
    public void TextTurn_StreamsAudioAndTranscript_WithUsageInResponseDone() => NodeConformanceChecks.TextTurn(Report, "You said: hello conformance");

    [Fact]
    public void ToolChoiceRequired_CallsTheClientTool_ReplyUsesItsOutput() => NodeConformanceChecks.ToolForcedRequired(Report);

    [Fact]
    public void ToolChoiceNamedFunction_CallsThatTool_ReplyUsesItsOutput() => NodeConformanceChecks.ToolForcedNamed(Report);

    [Fact]
    public void ToolChoiceAuto_TextNamingTheTool_CallsIt() => NodeConformanceChecks.ToolAutoNamed(Report);

    [Fact]
    public void Truncate_AssistantAudio_IsConfirmedAtTheGivenMs() => NodeConformanceChecks.ItemTruncate(Report, 500);

    [Fact]
    public void Cancel_StreamingResponse_EndsCancelledByClient() => NodeConformanceChecks.ResponseCancel(Report);

    [Fact]
    public void SecondResponseCreate_WhileOneStreams_GetsConversationAlreadyHasActiveResponse() => NodeConformanceChecks.SecondResponseConflict(Report);

    [Fact]
    public void SecondResponseCreate_Refusal_EchoesTheClientsEventId() => NodeConformanceChecks.SecondResponseConflictEventId(Report);

    [Fact]
    public void Delete_Item_IsConfirmedWithItsId() => NodeConformanceChecks.ItemDelete(Report);

    [Fact]
    public void Delete_UnknownItem_GetsItemDeleteInvalidItemId() => NodeConformanceChecks.ItemDeleteUnknown(Report);

    [Fact]
    public void UnknownEventType_GetsInvalidValue_AndTheSocketStaysOpen() => NodeConformanceChecks.UnknownEvent(Report);

    [Fact]
    public void WrongKey_HandshakeIsRefusedWith401() => NodeConformanceChecks.WrongKey(Report);
}

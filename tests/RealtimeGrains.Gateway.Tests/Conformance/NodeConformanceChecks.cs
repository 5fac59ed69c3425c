using System.Text.Json;

namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>
/// The assertions of each conformance check, shared by every client × target class. The script has already compared
/// the wire events with the protocol (<see cref="NodeConformanceReport.Passed"/> fails with its expected, actual and
/// wire events); these add the values a reader of the test wants to see.
/// </summary>
public static class NodeConformanceChecks
{
    public static void Connect(NodeConformanceReport report) =>
        Assert.StartsWith("sess_", report.Passed("connect").GetProperty("sessionId").GetString(), StringComparison.Ordinal);

    public static void SessionCreatedConfig(NodeConformanceReport report)
    {
        var fields = Strings(report.Passed("session_created_config").GetProperty("fields"));
        Assert.Contains("instructions", fields);
        Assert.Contains("tools", fields);
        Assert.Contains("expires_at", fields);
    }

    public static void ConversationCreated(NodeConformanceReport report) =>
        Assert.StartsWith("conv_", report.Passed("conversation_created").GetProperty("conversationId").GetString(), StringComparison.Ordinal);

    public static void SessionUpdate(NodeConformanceReport report)
    {
        var actual = report.Passed("session_update");
        Assert.Equal(["get_secret_number", "lookup_code"], Strings(actual.GetProperty("tools")));
        Assert.Equal("verse", actual.GetProperty("voice").GetString());
    }

    public static void NoUnsolicitedSessionUpdated(NodeConformanceReport report) =>
        report.Passed("no_unsolicited_session_updated");

    public static void SessionUpdateAccepted(NodeConformanceReport report) =>
        Assert.True(report.Passed("session_update_accepted").GetProperty("sessionUpdated").GetInt32() >= 1);

    public static void SessionUpdateTracing(NodeConformanceReport report) =>
        Assert.Equal("auto", report.Passed("session_update_tracing").GetProperty("tracing").GetString());

    public static void TextTurn(NodeConformanceReport report, string expectedTranscript)
    {
        var actual = report.Passed("text_turn");
        Assert.Equal(expectedTranscript, actual.GetProperty("transcript").GetString());
        Assert.True((actual.TryGetProperty("audioDeltas", out var deltas) ? deltas : actual.GetProperty("audioChunks")).GetInt32() > 0);
        Assert.True(actual.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    public static void ToolForcedRequired(NodeConformanceReport report)
    {
        var actual = report.Passed("tool_forced_required");
        Assert.Equal("get_secret_number", actual.GetProperty("call").GetString());
        Assert.Contains("42", actual.GetProperty("reply").GetString(), StringComparison.Ordinal);
    }

    public static void ToolForcedNamed(NodeConformanceReport report)
    {
        var actual = report.Passed("tool_forced_named");
        Assert.Equal("lookup_code", actual.GetProperty("call").GetString());
        Assert.Contains("blue widget", actual.GetProperty("reply").GetString(), StringComparison.Ordinal);
    }

    public static void ToolAutoNamed(NodeConformanceReport report)
    {
        var actual = report.Passed("tool_auto_named");
        Assert.Equal("get_secret_number", actual.GetProperty("call").GetString());
        Assert.Contains("42", actual.GetProperty("reply").GetString(), StringComparison.Ordinal);
    }

    public static void ItemTruncate(NodeConformanceReport report, int? expectedAudioEndMs)
    {
        var audioEndMs = report.Passed("item_truncate").GetProperty("audioEndMs").GetInt32();
        if (expectedAudioEndMs is { } expected)
        {
            Assert.Equal(expected, audioEndMs);
        }
        else
        {
            Assert.True(audioEndMs >= 0);
        }
    }

    public static void ResponseCancel(NodeConformanceReport report)
    {
        var actual = report.Passed("response_cancel");
        Assert.Equal("cancelled", actual.GetProperty("status").GetString());
        Assert.Equal("client_cancelled", actual.GetProperty("statusDetails").GetProperty("reason").GetString());
    }

    public static void SecondResponseConflict(NodeConformanceReport report) =>
        Assert.Equal("conversation_already_has_active_response", report.Passed("second_response_conflict").GetProperty("code").GetString());

    public static void SecondResponseConflictEventId(NodeConformanceReport report) =>
        Assert.Equal("evt_second_response", report.Passed("second_response_conflict_event_id").GetProperty("eventId").GetString());

    public static void ItemDelete(NodeConformanceReport report) =>
        Assert.StartsWith("item_", report.Passed("item_delete").GetProperty("itemId").GetString(), StringComparison.Ordinal);

    public static void ItemDeleteUnknown(NodeConformanceReport report) =>
        Assert.Equal("item_delete_invalid_item_id", report.Passed("item_delete_unknown").GetProperty("code").GetString());

    public static void UnknownEvent(NodeConformanceReport report)
    {
        var actual = report.Passed("unknown_event");
        Assert.Equal("invalid_value", actual.GetProperty("code").GetString());
        Assert.Equal("type", actual.GetProperty("param").GetString());
    }

    public static void WrongKey(NodeConformanceReport report) => report.Passed("wrong_key");

    /// <summary>A check the client's API cannot express: the script must have skipped it with its reason.</summary>
    public static void NotExpressible(NodeConformanceReport report, string check) =>
        Assert.False(string.IsNullOrWhiteSpace(report.Skipped(check)));

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}

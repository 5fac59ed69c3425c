using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Sessions.Tests.Conversation;

public sealed class ConversationReplayTests
{
    [Fact]
    public void Build_KeepsIdsAndWords_PairsCallsWithOutputs_LeavesOutUnansweredCallsAndEmptyMessages()
    {
        ConversationItem[] items =
        [
            new() { Id = "item_1", Type = "message", Role = "user", Transcript = "spoken question", HasAudio = true },
            new() { Id = "item_2", Type = "function_call", CallId = "call_a", Name = "get_weather", Arguments = """{"city":"Oslo"}""" },
            new() { Id = "item_3", Type = "function_call_output", CallId = "call_a", Output = """{"temperature":7}""" },
            new() { Id = "item_4", Type = "message", Role = "assistant", Transcript = "It is seven degrees", HasAudio = true },
            new() { Id = "item_5", Type = "function_call", CallId = "call_b", Name = "slow", Arguments = "{}" },
            new() { Id = "item_6", Type = "message", Role = "assistant", Transcript = "", Status = "incomplete" },
            new() { Id = "item_7", Type = "function_call_output", CallId = "call_orphan", Output = "{}" },
        ];

        var replay = ConversationReplay.Build(items);

        Assert.Equal(["item_1", "item_2", "item_3", "item_4"], replay.Select(e => e.Item!.Id));
        Assert.Equal(("input_text", "spoken question"), (replay[0].Item!.Content![0].Type!, replay[0].Item!.Content![0].Text!));
        Assert.Equal(("output_text", "It is seven degrees"), (replay[3].Item!.Content![0].Type!, replay[3].Item!.Content![0].Text!));
        Assert.Equal(("call_a", "get_weather", """{"city":"Oslo"}"""), (replay[1].Item!.CallId!, replay[1].Item!.Name!, replay[1].Item!.Arguments!));
        Assert.Equal("""{"temperature":7}""", replay[2].Item!.Output);
    }

    [Fact]
    public void Merge_NullFieldsKeepCurrentValues()
    {
        var current = new RealtimeSessionSettings { Instructions = "a", Voice = "alloy", Tools = ["x"] };

        var merged = current.Merge(new RealtimeSessionSettings { Voice = "echo", Tools = [] });

        Assert.Equal(("a", "echo", 0), (merged.Instructions!, merged.Voice!, merged.Tools!.Count));
    }
}

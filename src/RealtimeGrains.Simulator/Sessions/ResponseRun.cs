using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>State of one response while it streams; finished exactly once, by the generator or by a cancel.</summary>
internal sealed class ResponseRun(RealtimeResponse response, bool inConversation, ModelTurn turn, SessionSettings settings)
{
    public RealtimeResponse Response { get; } = response;

    public string Id => Response.Id!;

    public bool InConversation { get; } = inConversation;

    public ModelTurn Turn { get; } = turn;

    public SessionSettings Settings { get; } = settings;

    public CancellationTokenSource Cancellation { get; } = new();

    public bool Finished { get; set; }

    /// <summary>The output item being streamed, or null between items.</summary>
    public ConversationEntry? OpenItem { get; set; }

    /// <summary>Whether the open item's content part has been added and not yet done.</summary>
    public bool PartOpen { get; set; }

    /// <summary>Text (or transcript) sent so far for the open part.</summary>
    public System.Text.StringBuilder SentText { get; } = new();

    public int AudioMsSent { get; set; }

    public int AudioDeltasSent { get; set; }

    public int OutputTextTokens { get; set; }

    public int OutputAudioMs { get; set; }
}

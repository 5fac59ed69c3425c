using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>One item of a session's conversation, with what the simulator needs beside the wire item.</summary>
internal sealed class ConversationEntry(RealtimeItem item)
{
    public RealtimeItem Item { get; } = item;

    /// <summary>Raw input audio of a committed user item (in the session's input format), for retrieve.</summary>
    public byte[]? InputAudio { get; set; }

    /// <summary>What the model "understood" from this item: text, decoded tone code or the placeholder transcript.</summary>
    public string? UnderstoodText { get; set; }

    /// <summary>Milliseconds of audio the item holds (assistant: audio sent so far; user: committed audio).</summary>
    public int AudioMs { get; set; }

    /// <summary>Assistant audio: the full transcript the audio carries, to cut on truncation.</summary>
    public string? SpokenText { get; set; }

    public string Id => Item.Id!;
}

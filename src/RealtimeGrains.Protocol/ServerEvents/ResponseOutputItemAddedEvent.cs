namespace RealtimeGrains.Protocol;

/// <summary><c>response.output_item.added</c>: An output item started.</summary>
public sealed class ResponseOutputItemAddedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseOutputItemAdded;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>Position in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The item (in_progress).</summary>
    public RealtimeItem? Item { get; set; }
}

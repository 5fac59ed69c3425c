namespace RealtimeGrains.Protocol;

/// <summary><c>response.output_item.done</c>: An output item is final.</summary>
public sealed class ResponseOutputItemDoneEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseOutputItemDone;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>Position in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The final item.</summary>
    public RealtimeItem? Item { get; set; }
}

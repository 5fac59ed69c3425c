namespace RealtimeGrains.Protocol;

/// <summary><c>response.output_text.done</c> (beta: <c>response.text.done</c>): Text output is final.</summary>
public sealed class ResponseOutputTextDoneEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseOutputTextDone;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The item id.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position of the item in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>Position of the part in <c>item.content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>The full text.</summary>
    public string? Text { get; set; }
}

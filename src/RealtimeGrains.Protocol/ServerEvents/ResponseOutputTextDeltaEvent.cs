namespace RealtimeGrains.Protocol;

/// <summary><c>response.output_text.delta</c> (beta: <c>response.text.delta</c>): Text output delta.</summary>
public sealed class ResponseOutputTextDeltaEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseOutputTextDelta;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The item id.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position of the item in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>Position of the part in <c>item.content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>Text.</summary>
    public string? Delta { get; set; }
}

namespace RealtimeGrains.Protocol;

/// <summary><c>response.content_part.added</c>: A content part started.</summary>
public sealed class ResponseContentPartAddedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseContentPartAdded;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The item id.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position of the item in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>Position of the part in <c>item.content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>The part.</summary>
    public ContentPart? Part { get; set; }
}

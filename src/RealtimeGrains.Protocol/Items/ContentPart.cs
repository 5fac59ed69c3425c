namespace RealtimeGrains.Protocol;

/// <summary>A content part of a message item (section 8.2), or the <c>part</c> of <c>response.content_part.*</c>.</summary>
public sealed class ContentPart : ProtocolObject
{
    /// <summary>See <see cref="ContentPartTypes"/> (model names; dialect mapping happens on the wire).</summary>
    public string? Type { get; set; }

    /// <summary>Text (input_text, output_text).</summary>
    public string? Text { get; set; }

    /// <summary>Base64 audio (input_audio; output_audio in <c>conversation.item.retrieved</c>).</summary>
    public string? Audio { get; set; }

    /// <summary>Transcript of the audio.</summary>
    public string? Transcript { get; set; }

    /// <summary>GA input_image: a data URI.</summary>
    public string? ImageUrl { get; set; }

    /// <summary>GA input_image: <c>auto</c>, <c>low</c>, <c>high</c>.</summary>
    public string? Detail { get; set; }

    /// <summary>item_reference: the referenced item id.</summary>
    public string? Id { get; set; }
}

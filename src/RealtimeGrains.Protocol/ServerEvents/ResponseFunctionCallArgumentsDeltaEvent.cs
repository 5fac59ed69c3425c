namespace RealtimeGrains.Protocol;

/// <summary><c>response.function_call_arguments.delta</c>: Function call arguments delta.</summary>
public sealed class ResponseFunctionCallArgumentsDeltaEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseFunctionCallArgumentsDelta;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The function_call item.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The call id.</summary>
    public string? CallId { get; set; }

    /// <summary>Arguments text.</summary>
    public string? Delta { get; set; }
}

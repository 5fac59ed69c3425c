namespace RealtimeGrains.Protocol;

/// <summary><c>response.function_call_arguments.done</c>: Function call arguments are final.</summary>
public sealed class ResponseFunctionCallArgumentsDoneEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseFunctionCallArgumentsDone;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The function_call item.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The call id.</summary>
    public string? CallId { get; set; }

    /// <summary>The function name (required in GA).</summary>
    public string? Name { get; set; }

    /// <summary>Arguments as JSON text.</summary>
    public string? Arguments { get; set; }
}

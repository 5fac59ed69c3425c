namespace RealtimeGrains.Protocol;

/// <summary>Item <c>type</c> values.</summary>
public static class ItemTypes
{
    /// <summary>A message (system, user, assistant).</summary>
    public const string Message = "message";

    /// <summary>A function call by the model.</summary>
    public const string FunctionCall = "function_call";

    /// <summary>The output of a function call.</summary>
    public const string FunctionCallOutput = "function_call_output";

    /// <summary>A reference to an existing item (only in <c>response.create</c> → <c>response.input</c>).</summary>
    public const string ItemReference = "item_reference";
}

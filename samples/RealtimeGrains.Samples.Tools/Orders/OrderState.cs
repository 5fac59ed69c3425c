namespace RealtimeGrains.Samples.Tools.Orders;

/// <summary>The persisted state of one order.</summary>
public sealed class OrderState
{
    /// <summary>"open" or "cancelled".</summary>
    public string Status { get; set; } = "open";

    /// <summary>The items ordered.</summary>
    public List<string> Items { get; set; } = [];
}

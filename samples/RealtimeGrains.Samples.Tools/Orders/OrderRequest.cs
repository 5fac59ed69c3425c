using System.ComponentModel;

namespace RealtimeGrains.Samples.Tools.Orders;

/// <summary>The arguments of <c>manage_order</c>.</summary>
/// <param name="OrderId">The order number; it is also the key of the order grain.</param>
/// <param name="Action">"status", "add" or "cancel".</param>
/// <param name="Item">For "add": the item to add.</param>
public sealed record OrderRequest(
    [property: Description("The order number, for example A-1001")] string OrderId,
    [property: Description("status, add or cancel")] string Action,
    [property: Description("For add: the item to add")] string? Item = null);

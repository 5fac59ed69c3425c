namespace RealtimeGrains.Samples.Tools.Orders;

/// <summary>What <c>manage_order</c> answers.</summary>
/// <param name="OrderId">The order number.</param>
/// <param name="Status">"open" or "cancelled".</param>
/// <param name="Items">The items.</param>
public sealed record OrderSummary(string OrderId, string Status, IReadOnlyList<string> Items);

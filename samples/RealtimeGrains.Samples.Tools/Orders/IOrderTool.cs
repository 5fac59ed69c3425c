using RealtimeGrains.Tools;

namespace RealtimeGrains.Samples.Tools.Orders;

/// <summary>A stateful tool: one grain per order, keyed by the <c>orderId</c> argument of the call.</summary>
[Alias("RealtimeGrains.Samples.Tools.Orders.IOrderTool")]
public interface IOrderTool : IToolGrain;

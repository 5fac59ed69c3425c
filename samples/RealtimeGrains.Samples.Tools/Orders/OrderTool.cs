using System.Text.Json;
using RealtimeGrains.Tools;

namespace RealtimeGrains.Samples.Tools.Orders;

/// <summary>
/// One order, persisted. Every session that mentions the same order number talks to the same grain, so two
/// callers adding items to order A-1001 see each other's changes, one call at a time.
/// </summary>
[GrainType("RealtimeGrains.Samples.Tools.Orders.IOrderTool")]
public sealed class OrderTool([PersistentState("order")] IPersistentState<OrderState> order) : Grain, IOrderTool
{
    /// <inheritdoc />
    public async Task<ToolResult> InvokeAsync(ToolCall toolCall, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(toolCall);
        OrderRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(toolCall.Arguments, SamplesJsonContext.Default.OrderRequest);
        }
        catch (JsonException)
        {
            return ToolResult.Failure("The arguments are not valid JSON.");
        }

        switch (request?.Action?.ToUpperInvariant())
        {
            case "STATUS":
                break;
            case "ADD" when !string.IsNullOrWhiteSpace(request.Item) && order.State.Status == "open":
                order.State.Items.Add(request.Item);
                await order.WriteStateAsync(cancellationToken);
                break;
            case "ADD" when order.State.Status != "open":
                return ToolResult.Failure($"Order {this.GetPrimaryKeyString()} is {order.State.Status}; nothing can be added.");
            case "CANCEL":
                order.State.Status = "cancelled";
                await order.WriteStateAsync(cancellationToken);
                break;
            default:
                return ToolResult.Failure("Use action 'status', 'add' (with an item) or 'cancel'.");
        }

        var summary = new OrderSummary(this.GetPrimaryKeyString(), order.State.Status, order.State.Items);
        return ToolResult.Success(JsonSerializer.Serialize(summary, SamplesJsonContext.Default.OrderSummary));
    }
}

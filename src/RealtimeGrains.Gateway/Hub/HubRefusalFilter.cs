using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace RealtimeGrains.Gateway;

/// <summary>
/// Keeps the hub's refusals out of the operator's error log. SignalR's dispatcher logs every exception a hub method
/// throws at error level with its stack trace, a refusal (<see cref="HubException"/>) included; the gateway turns that
/// category down (see <see cref="GatewayServiceCollectionExtensions.AddRealtimeGateway"/>) and this filter logs instead:
/// a refusal at information level within the client's <see cref="RefusalLogBudget"/> and with a short prefix of its
/// text; anything else — a fault of the server, not the client — at error level with the exception. The caller gets
/// the same rejection either way.
/// </summary>
internal sealed class HubRefusalFilter(RefusalLogBudget budget, ConnectionsPerAddress addresses, ILogger<HubRefusalFilter> logger) : IHubFilter
{
    /// <summary>Marks a connection counted against its address.</summary>
    private static readonly object CountedAddressKey = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        catch (HubException ex)
        {
            var connectionId = invocationContext.Context.ConnectionId;
            if (budget.TryTake(connectionId))
            {
                GatewayLog.HubCallRefused(logger, connectionId, invocationContext.HubMethodName, RefusalLogBudget.Prefix(ex.Message));
            }

            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            GatewayLog.HubCallFailed(logger, ex, invocationContext.Context.ConnectionId, invocationContext.HubMethodName);
            throw;
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        // One address's open connections are bounded (Gateway:MaxConnectionsPerAddress); the refused one is closed with the reason.
        var address = context.Context.GetHttpContext()?.Connection.RemoteIpAddress;
        if (!addresses.TryAcquire(address))
        {
            if (budget.TryTake("ip:" + address))
            {
                GatewayLog.HubCallRefused(logger, context.Context.ConnectionId, "connect", "too many connections from its address");
            }

            throw new HubException("Too many connections from this address; close some and retry.");
        }

        context.Context.Items[CountedAddressKey] = address;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            GatewayLog.HubCallFailed(logger, ex, context.Context.ConnectionId, "OnConnectedAsync");
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            GatewayLog.HubCallFailed(logger, ex, context.Context.ConnectionId, "OnDisconnectedAsync");
            throw;
        }
        finally
        {
            budget.Forget(context.Context.ConnectionId);
            if (context.Context.Items.Remove(CountedAddressKey, out var counted))
            {
                addresses.Release(counted as System.Net.IPAddress);
            }
        }
    }
}

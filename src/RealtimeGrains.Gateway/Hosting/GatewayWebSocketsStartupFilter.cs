using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace RealtimeGrains.Gateway;

/// <summary>Puts the WebSockets middleware first so hosts need not remember <c>UseWebSockets()</c> (idempotent if present twice).</summary>
internal sealed class GatewayWebSocketsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        next(app);
    };
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace RealtimeGrains.Simulator;

/// <summary>Puts the WebSockets middleware first so hosts need not remember <c>UseWebSockets()</c>.</summary>
internal sealed class WebSocketsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        next(app);
    };
}

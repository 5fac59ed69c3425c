using System.Text.Json;
using RealtimeGrains.Sessions.Status;

namespace RealtimeGrains.Host;

/// <summary><c>GET /dashboard/sessions</c> (the page) and <c>GET /dashboard/api/sessions</c> (its JSON: live sessions per silo).</summary>
internal static class SessionsEndpoints
{
    public static Task ShowAsync(HttpContext context) => DashboardPages.WriteSessionsAsync(context);

    public static async Task ListAsync(HttpContext context)
    {
        var directory = context.RequestServices.GetRequiredService<ILiveSessionDirectory>();
        var silos = await directory.ListAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(
            context.Response.Body,
            new SessionsListing(DateTimeOffset.UtcNow, silos),
            JsonSerializerOptions.Web,
            context.RequestAborted).ConfigureAwait(false);
    }
}

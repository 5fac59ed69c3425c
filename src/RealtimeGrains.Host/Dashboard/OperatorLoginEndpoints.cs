using Microsoft.Extensions.Options;
using RealtimeGrains.Gateway;

namespace RealtimeGrains.Host;

/// <summary>
/// <c>GET/POST /dashboard/login</c> (a form posting a server credential; on success the login cookie and a redirect) and
/// <c>POST /dashboard/logout</c>. The credential is compared in constant time and never stored, logged or echoed.
/// </summary>
internal static class OperatorLoginEndpoints
{
    private const int MaxFormBytes = 8 * 1024;

    public static Task ShowAsync(HttpContext context) =>
        DashboardPages.WriteLoginAsync(context, SafeReturnUrl(context.Request.Query["returnUrl"]), message: null);

    public static async Task LogInAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType || context.Request.ContentLength is null or > MaxFormBytes)
        {
            await DashboardPages.WriteLoginAsync(context, OperatorAccess.BasePath + "/", "Post the login form.", StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var credential = form["credential"].ToString();
        var gateway = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OperatorLoginEndpoints).FullName!);
        if (!GatewayCredentials.IsServerCredential(gateway, credential))
        {
            HostLog.OperatorLoginRefused(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?");
            await DashboardPages.WriteLoginAsync(context, returnUrl, "That is not a server credential.", StatusCodes.Status401Unauthorized).ConfigureAwait(false);
            return;
        }

        var (value, expires) = context.RequestServices.GetRequiredService<OperatorCookie>().Issue(credential);
        context.Response.Cookies.Append(OperatorAccess.CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = OperatorAccess.BasePath,
            Expires = expires,
            IsEssential = true,
        });
        HostLog.OperatorLoggedIn(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?", expires);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = returnUrl;
    }

    public static Task LogOutAsync(HttpContext context)
    {
        context.Response.Cookies.Delete(OperatorAccess.CookieName, new CookieOptions { Path = OperatorAccess.BasePath, HttpOnly = true, SameSite = SameSiteMode.Strict });
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = OperatorAccess.LoginPath;
        return Task.CompletedTask;
    }

    /// <summary>Only a local path under <c>/dashboard</c> (no open redirect); otherwise the dashboard.</summary>
    internal static string SafeReturnUrl(string? candidate) =>
        candidate is { Length: > 0 and < 512 } url
        && url.StartsWith(OperatorAccess.BasePath, StringComparison.Ordinal)
        && !url.StartsWith(OperatorAccess.LoginPath, StringComparison.Ordinal)
        && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
        && url.All(c => c > ' ' && c < 127)
            ? url
            : OperatorAccess.BasePath + "/";
}

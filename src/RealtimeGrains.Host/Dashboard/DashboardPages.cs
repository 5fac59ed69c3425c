using System.Net;

namespace RealtimeGrains.Host;

/// <summary>The operator pages (embedded <c>Dashboard/Pages/*.html</c>), served with no caching and a strict content policy.</summary>
internal static class DashboardPages
{
    private static readonly Lazy<string> Login = new(() => Read("login.html"));
    private static readonly Lazy<string> Sessions = new(() => Read("sessions.html"));

    public static Task WriteLoginAsync(HttpContext context, string returnUrl, string? message, int status = StatusCodes.Status200OK)
    {
        var html = Login.Value
            .Replace("{{returnUrl}}", WebUtility.HtmlEncode(returnUrl), StringComparison.Ordinal)
            .Replace("{{message}}", WebUtility.HtmlEncode(message ?? string.Empty), StringComparison.Ordinal);
        return WriteAsync(context, html, status);
    }

    public static Task WriteSessionsAsync(HttpContext context) => WriteAsync(context, Sessions.Value, StatusCodes.Status200OK);

    private static Task WriteAsync(HttpContext context, string html, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    private static string Read(string name)
    {
        using var stream = typeof(DashboardPages).Assembly.GetManifestResourceStream("RealtimeGrains.Host.Dashboard." + name)
            ?? throw new InvalidOperationException($"The embedded page {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

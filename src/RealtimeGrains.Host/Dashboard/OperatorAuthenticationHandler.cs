using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RealtimeGrains.Gateway;

namespace RealtimeGrains.Host;

/// <summary>
/// Authenticates <c>/dashboard</c> requests: the login cookie (<see cref="OperatorCookie"/>) or, for scripts, a server
/// credential in <c>api-key</c> / <c>Authorization: Bearer</c>. Other paths are not its business (no result). An
/// unauthenticated browser page request is sent to the login form; anything else gets 401.
/// </summary>
internal sealed class OperatorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    OperatorCookie cookie,
    IOptions<GatewayOptions> gateway) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Path.StartsWithSegments(OperatorAccess.BasePath, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string how;
        if (cookie.IsValid(Request.Cookies[OperatorAccess.CookieName]))
        {
            how = "cookie";
        }
        else if (GatewayCredentials.IsServerCredential(gateway.Value, GatewayCredentials.Find(Request)))
        {
            how = "server-credential";
        }
        else
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.AuthenticationMethod, how)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsGet(Request.Method) && Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            var back = Request.PathBase + Request.Path + Request.QueryString;
            Response.Redirect($"{Request.PathBase}{OperatorAccess.LoginPath}?returnUrl={Uri.EscapeDataString(back)}");
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.ContentType = "application/json";
        return Response.WriteAsync("""{"error":{"code":"unauthorized","message":"Log in at /dashboard/login, or send a server credential (api-key header)."}}""", Context.RequestAborted);
    }
}

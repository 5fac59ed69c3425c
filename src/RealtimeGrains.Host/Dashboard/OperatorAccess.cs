namespace RealtimeGrains.Host;

/// <summary>Names and paths of the operator pages' protection (see docs/architecture.md "Operations").</summary>
internal static class OperatorAccess
{
    /// <summary>The authentication scheme and the authorization policy of every <c>/dashboard</c> route.</summary>
    public const string Scheme = "Operator";

    /// <summary>The route prefix of the dashboard, the sessions page and the login form.</summary>
    public const string BasePath = "/dashboard";

    public const string LoginPath = BasePath + "/login";

    public const string LogoutPath = BasePath + "/logout";

    public const string SessionsPath = BasePath + "/sessions";

    public const string SessionsApiPath = BasePath + "/api/sessions";

    /// <summary>The login cookie: an expiry and its HMAC, never the credential (HttpOnly, SameSite=Strict, path <c>/dashboard</c>).</summary>
    public const string CookieName = "rg_operator";
}

namespace RealtimeGrains.Sessions;

/// <summary>Error codes of upstream failures, as clients see them in <c>error.code</c> (stable: clients may branch on them).</summary>
internal static class UpstreamErrorCodes
{
    public const string Lost = "upstream_lost";
    public const string AuthenticationFailed = "upstream_authentication_failed";
    public const string DeploymentNotFound = "upstream_deployment_not_found";
    public const string RateLimited = "upstream_rate_limited";
    public const string Unavailable = "upstream_unavailable";
    public const string Refused = "upstream_refused";
}

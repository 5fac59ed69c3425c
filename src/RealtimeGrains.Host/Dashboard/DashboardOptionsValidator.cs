using Microsoft.Extensions.Options;
using RealtimeGrains.Gateway;

namespace RealtimeGrains.Host;

/// <summary>Validates <c>Host:Dashboard</c>: a dashboard that is on needs a server credential to log in with.</summary>
internal sealed class DashboardOptionsValidator(IOptions<GatewayOptions> gateway) : IValidateOptions<RealtimeHostOptions>
{
    public ValidateOptionsResult Validate(string? name, RealtimeHostOptions options)
    {
        var dashboard = options.Dashboard;
        var failures = new List<string>();
        if (dashboard.Enabled == true && gateway.Value.ServerCredentials.Count == 0)
        {
            failures.Add("Host:Dashboard:Enabled is true but Gateway:ServerCredentials is empty: operators log in to the dashboard with a server credential.");
        }

        if (dashboard.LoginLifetime < TimeSpan.FromMinutes(1) || dashboard.LoginLifetime > TimeSpan.FromHours(24))
        {
            failures.Add($"Host:Dashboard:LoginLifetime must be between 00:01:00 and 1.00:00:00 (was {dashboard.LoginLifetime}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

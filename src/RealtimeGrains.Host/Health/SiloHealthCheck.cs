using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RealtimeGrains.Host;

/// <summary>Ready when this silo is <c>Active</c> in the cluster's membership (joined, not joining or shutting down).</summary>
internal sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        var description = $"silo {silo.Name} is {status} in the membership";
        return Task.FromResult(status == SiloStatus.Active ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description));
    }
}

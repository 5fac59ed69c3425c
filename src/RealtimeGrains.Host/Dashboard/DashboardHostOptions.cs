namespace RealtimeGrains.Host;

/// <summary>The operator pages under <c>/dashboard</c> (section <c>Host:Dashboard</c>): Orleans' dashboard and the sessions page.</summary>
internal sealed class DashboardHostOptions
{
    /// <summary>
    /// On or off. Unset: on in the Development environment when a server credential (<c>Gateway:ServerCredentials</c>) is
    /// configured, off otherwise. On needs a server credential: it is what an operator logs in with.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>How long an operator's login cookie is valid. Default 1 hour (1 minute to 24 hours).</summary>
    public TimeSpan LoginLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether the pages are served, given the environment and the number of server credentials.</summary>
    public bool IsOn(bool development, int serverCredentials) => Enabled ?? (development && serverCredentials > 0);
}

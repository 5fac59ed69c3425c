using Microsoft.Extensions.Options;
using RealtimeGrains.Sessions.Tools;
using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions.Hosting;

/// <summary>Checks <see cref="RealtimeSessionsOptions"/> and the tool registrations at start-up, naming the setting at fault.</summary>
internal sealed class RealtimeSessionsOptionsValidator(ToolRegistry tools) : IValidateOptions<RealtimeSessionsOptions>
{
    public ValidateOptionsResult Validate(string? name, RealtimeSessionsOptions options)
    {
        const string Section = RealtimeSessionsOptions.SectionName;
        var failures = new List<string>(tools.Validate());
        var upstream = options.Upstream;
        if (upstream is null)
        {
            return ValidateOptionsResult.Fail($"{Section}:Upstream is required.");
        }

        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(options.IdleTimeout)} must be positive (was {options.IdleTimeout}).");
        }

        if (options.PersistInterval < TimeSpan.Zero || options.PersistInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:{nameof(options.PersistInterval)} must be between 0 and 1 minute (was {options.PersistInterval}).");
        }

        var lease = options.Lease ?? new SessionLeaseOptions();
        if (lease.Duration < TimeSpan.FromMilliseconds(500) || lease.Duration > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:Lease:Duration must be between 500 ms and 5 minutes (was {lease.Duration}).");
        }

        if (lease.RenewEvery <= TimeSpan.Zero || lease.RenewEvery.Ticks * 3 > lease.Duration.Ticks)
        {
            failures.Add($"{Section}:Lease:RenewEvery must be positive and at most a third of Lease:Duration (was {lease.RenewEvery}, duration {lease.Duration}).");
        }

        if (lease.MaxClockSkew < TimeSpan.Zero || lease.MaxClockSkew.Ticks * 2 >= lease.Duration.Ticks)
        {
            failures.Add($"{Section}:Lease:MaxClockSkew must be between 0 and half of Lease:Duration (was {lease.MaxClockSkew}).");
        }

        if (lease.TakeoverTimeout <= lease.Duration)
        {
            failures.Add($"{Section}:Lease:TakeoverTimeout must be longer than Lease:Duration (was {lease.TakeoverTimeout}).");
        }

        if (options.ObserverTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:{nameof(options.ObserverTimeout)} must be at least 1 second (was {options.ObserverTimeout}).");
        }

        if (options.MaxBufferedAudioBytes < 4800)
        {
            failures.Add($"{Section}:{nameof(options.MaxBufferedAudioBytes)} must be at least 4800 (was {options.MaxBufferedAudioBytes}).");
        }

        if (upstream.Endpoint is null && upstream.EndpointProvider is null && upstream.Kind != UpstreamKind.OpenAI)
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.Endpoint)} is required for {upstream.Kind} (or set {nameof(upstream.EndpointProvider)}).");
        }

        if (string.IsNullOrWhiteSpace(upstream.Deployment))
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.Deployment)} is required.");
        }

        if (upstream.UseEntraId && upstream.Kind is UpstreamKind.OpenAI)
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.UseEntraId)} applies to Azure only (Kind is {upstream.Kind}).");
        }

        if (!upstream.UseEntraId && string.IsNullOrEmpty(upstream.ApiKey))
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.ApiKey)} is required unless {nameof(upstream.UseEntraId)} is set.");
        }

        if (upstream.Kind == UpstreamKind.AzurePreview && string.IsNullOrWhiteSpace(upstream.ApiVersion))
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.ApiVersion)} is required for AzurePreview.");
        }

        if (upstream.EffectiveSessionLimit() <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.SessionLimit)} must be positive.");
        }

        if (upstream.ConnectAttempts < 1)
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.ConnectAttempts)} must be at least 1.");
        }

        if (upstream.ConnectTimeout <= TimeSpan.Zero || upstream.ConnectTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.ConnectTimeout)} must be positive and at most 10 minutes (was {upstream.ConnectTimeout}).");
        }

        if (upstream.ReconnectBaseDelay <= TimeSpan.Zero || upstream.ReconnectMaxDelay < upstream.ReconnectBaseDelay)
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.ReconnectBaseDelay)} must be positive and not above {nameof(upstream.ReconnectMaxDelay)}.");
        }

        if (upstream.CircuitFailureThreshold < 1)
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.CircuitFailureThreshold)} must be at least 1 (was {upstream.CircuitFailureThreshold}).");
        }

        if (upstream.CircuitOpenDuration <= TimeSpan.Zero || upstream.CircuitOpenDuration > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.CircuitOpenDuration)} must be positive and at most 1 minute (was {upstream.CircuitOpenDuration}).");
        }

        if (upstream.StallTimeout < TimeSpan.Zero)
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.StallTimeout)} must not be negative (0 turns the watch off; was {upstream.StallTimeout}).");
        }

        if (upstream.SendQueueCapacity < 8)
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.SendQueueCapacity)} must be at least 8.");
        }

        if (upstream.TokenRefreshMargin < TimeSpan.Zero)
        {
            failures.Add($"{Section}:Upstream:{nameof(upstream.TokenRefreshMargin)} must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

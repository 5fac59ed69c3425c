using Microsoft.Extensions.Options;
using RealtimeGrains.Gateway;

namespace RealtimeGrains.Host;

/// <summary>Validates <see cref="RealtimeHostOptions"/> against the upstream choice, naming the setting at fault.</summary>
internal sealed class RealtimeHostOptionsValidator(IOptions<UpstreamOptions> upstream) : IValidateOptions<RealtimeHostOptions>
{
    public ValidateOptionsResult Validate(string? name, RealtimeHostOptions options)
    {
        const string S = RealtimeHostOptions.SectionName;
        var failures = new List<string>();
        if (!Enum.IsDefined(options.StateStore))
        {
            failures.Add($"{S}:StateStore must be File or Memory.");
        }

        if (options.StateStore == StateStoreKind.File && string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            failures.Add($"{S}:StateDirectory is required when {S}:StateStore is File.");
        }

        if (options.MaxConcurrentStateWrites is < 0 or > 1024)
        {
            failures.Add($"{S}:MaxConcurrentStateWrites must be between 0 (processor count) and 1024 (was {options.MaxConcurrentStateWrites}).");
        }

        if (upstream.Value.Kind == UpstreamKind.Simulator && upstream.Value.Endpoint is null && !options.InProcessSimulator)
        {
            failures.Add($"{S}:InProcessSimulator is false, so Upstream:Endpoint must name a simulator (or set Upstream:Kind).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

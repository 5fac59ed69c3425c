using Microsoft.Extensions.Options;

namespace RealtimeGrains.Runtime.Hosting;

/// <summary>Checks <see cref="SiloOptions"/> at start-up and names the setting at fault.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        Positive(options.ResponseTimeout, nameof(SiloOptions.ResponseTimeout), failures);
        Positive(options.ResponseTimeoutCheckPeriod, nameof(SiloOptions.ResponseTimeoutCheckPeriod), failures);
        Positive(options.CollectionAge, nameof(SiloOptions.CollectionAge), failures);
        Positive(options.CollectionQuantum, nameof(SiloOptions.CollectionQuantum), failures);
        Positive(options.DeactivationTimeout, nameof(SiloOptions.DeactivationTimeout), failures);
        Positive(options.ShutdownTimeout, nameof(SiloOptions.ShutdownTimeout), failures);
        if (options.CollectionQuantum > options.CollectionAge)
        {
            failures.Add($"{SiloOptions.SectionName}:{nameof(SiloOptions.CollectionQuantum)} ({options.CollectionQuantum}) must not exceed {SiloOptions.SectionName}:{nameof(SiloOptions.CollectionAge)} ({options.CollectionAge}).");
        }

        if (options.JsonSerializerOptions is null)
        {
            failures.Add($"{SiloOptions.SectionName}:{nameof(SiloOptions.JsonSerializerOptions)} is required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(TimeSpan value, string setting, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{SiloOptions.SectionName}:{setting} must be positive (was {value}).");
        }
    }
}

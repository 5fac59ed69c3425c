using Microsoft.Extensions.Options;

namespace RealtimeGrains.Sessions.Recording;

/// <summary>Checks <see cref="SessionRecordingOptions"/> at start-up, naming the setting at fault.</summary>
internal sealed class SessionRecordingOptionsValidator : IValidateOptions<SessionRecordingOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionRecordingOptions options)
    {
        const string Section = SessionRecordingOptions.SectionName;
        var failures = new List<string>();
        if (options.Retention < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:{nameof(options.Retention)} must be at least 1 minute (was {options.Retention}).");
        }

        if (options.CleanupInterval < TimeSpan.FromSeconds(1) || options.CleanupInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:{nameof(options.CleanupInterval)} must be between 1 second and 1 day (was {options.CleanupInterval}).");
        }

        if (options.FlushBytes < 4_800 || options.FlushBytes > 4 * 1024 * 1024 || options.FlushBytes % 2 != 0)
        {
            failures.Add($"{Section}:{nameof(options.FlushBytes)} must be an even number between 4800 and 4194304 (was {options.FlushBytes}).");
        }

        if (options.MaxQueuedChunks < 1)
        {
            failures.Add($"{Section}:{nameof(options.MaxQueuedChunks)} must be at least 1 (was {options.MaxQueuedChunks}).");
        }

        if (options.WriterConcurrency < 1 || options.WriterConcurrency > 64)
        {
            failures.Add($"{Section}:{nameof(options.WriterConcurrency)} must be between 1 and 64 (was {options.WriterConcurrency}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

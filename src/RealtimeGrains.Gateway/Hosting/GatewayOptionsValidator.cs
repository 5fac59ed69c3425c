using Microsoft.Extensions.Options;

namespace RealtimeGrains.Gateway;

/// <summary>Validates <see cref="GatewayOptions"/> at start-up, naming the setting at fault.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        const string S = GatewayOptions.SectionName;
        for (var i = 0; i < options.ServerCredentials.Count; i++)
        {
            if (options.ServerCredentials[i] is not { Length: >= 16 })
            {
                failures.Add($"{S}:ServerCredentials:{i} must be at least 16 characters long.");
            }
        }

        if (options.TokenLifetime < TimeSpan.FromSeconds(1) || options.TokenLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"{S}:TokenLifetime must be between 00:00:01 and 01:00:00 (was {options.TokenLifetime}).");
        }

        if (options.SessionKeepAliveInterval < TimeSpan.FromMilliseconds(100) || options.SessionKeepAliveInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{S}:SessionKeepAliveInterval must be between 00:00:00.1 and 00:01:00 (was {options.SessionKeepAliveInterval}).");
        }

        if (options.ResumeTokenLifetime < TimeSpan.FromSeconds(1) || options.ResumeTokenLifetime > TimeSpan.FromDays(1))
        {
            failures.Add($"{S}:ResumeTokenLifetime must be between 00:00:01 and 1.00:00:00 (was {options.ResumeTokenLifetime}).");
        }

        if (!string.IsNullOrEmpty(options.TokenSigningKey) && !IsKey(options.TokenSigningKey))
        {
            failures.Add($"{S}:TokenSigningKey must be base64 of at least 32 bytes.");
        }

        Range(failures, $"{S}:MaxHubMessageBytes", options.MaxHubMessageBytes, 1024, 16 * 1024 * 1024);
        Range(failures, $"{S}:MaxRealtimeFrameBytes", options.MaxRealtimeFrameBytes, 1024, 22 * 1024 * 1024);
        Range(failures, $"{S}:MessagesPerSecond", options.MessagesPerSecond, 1, 100_000);
        Range(failures, $"{S}:MessageBurst", options.MessageBurst, 1, 100_000);
        Range(failures, $"{S}:MaxClientsPerSession", options.MaxClientsPerSession, 1, 1000);
        Range(failures, $"{S}:MaxConnectionsPerAddress", options.MaxConnectionsPerAddress, 1, 1_000_000);
        Range(failures, $"{S}:MaxClientQueueBytes", options.MaxClientQueueBytes, 64 * 1024, 1024 * 1024 * 1024);
        if (options.MaxAudioSpeed is < 1 or > 100 || double.IsNaN(options.MaxAudioSpeed))
        {
            failures.Add($"{S}:MaxAudioSpeed must be between 1 and 100 times real time (was {options.MaxAudioSpeed}).");
        }

        if (options.AudioBurst < TimeSpan.FromMilliseconds(100) || options.AudioBurst > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{S}:AudioBurst must be between 00:00:00.1 and 00:10:00 (was {options.AudioBurst}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} must be between {min} and {max} (was {value}).");
        }
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= 32;
    }
}

using Microsoft.Extensions.Options;

namespace RealtimeGrains.Simulator;

/// <summary>Validates <see cref="SimulatorOptions"/> at start-up, naming the offending setting.</summary>
internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var failures = new List<string>();
        const string Section = SimulatorOptions.SectionName;
        if (options.MaxSessionDuration <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(options.MaxSessionDuration)} must be positive (was {options.MaxSessionDuration}).");
        }

        if (options.EphemeralKeyLifetime <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(options.EphemeralKeyLifetime)} must be positive (was {options.EphemeralKeyLifetime}).");
        }

        if (options.SpeedFactor < 0 || double.IsNaN(options.SpeedFactor) || double.IsInfinity(options.SpeedFactor))
        {
            failures.Add($"{Section}:{nameof(options.SpeedFactor)} must be 0 (as fast as possible) or positive (was {options.SpeedFactor}).");
        }

        if (options.AudioChunkMs is < 10 or > 2000)
        {
            failures.Add($"{Section}:{nameof(options.AudioChunkMs)} must be between 10 and 2000 (was {options.AudioChunkMs}).");
        }

        if (options.MaxMessageBytes < 1024)
        {
            failures.Add($"{Section}:{nameof(options.MaxMessageBytes)} must be at least 1024 (was {options.MaxMessageBytes}).");
        }

        if (options.TranscriptionDelayMs < 0)
        {
            failures.Add($"{Section}:{nameof(options.TranscriptionDelayMs)} must not be negative (was {options.TranscriptionDelayMs}).");
        }

        if (options.KeepAliveInterval < TimeSpan.Zero && options.KeepAliveInterval != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"{Section}:{nameof(options.KeepAliveInterval)} must be positive, or 00:00:00 for none (was {options.KeepAliveInterval}).");
        }

        if (options.KeepAliveTimeout < TimeSpan.Zero && options.KeepAliveTimeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"{Section}:{nameof(options.KeepAliveTimeout)} must be positive, or 00:00:00 for off (was {options.KeepAliveTimeout}).");
        }
        else if (IsOn(options.KeepAliveTimeout) && !IsOn(options.KeepAliveInterval))
        {
            // Without an interval no ping is ever sent, so the timeout would silently never fire.
            failures.Add($"{Section}:{nameof(options.KeepAliveTimeout)} ({options.KeepAliveTimeout}) requires a positive {Section}:{nameof(options.KeepAliveInterval)} (was {options.KeepAliveInterval}).");
        }

        if (options.ApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{Section}:{nameof(options.ApiKeys)} must not contain empty keys.");
        }

        if (options.ScriptFilePath is not null)
        {
            if (!File.Exists(options.ScriptFilePath))
            {
                failures.Add($"{Section}:{nameof(options.ScriptFilePath)} '{options.ScriptFilePath}' does not exist.");
            }
            else
            {
                try
                {
                    _ = ScriptFile.Load(options.ScriptFilePath);
                }
                catch (InvalidDataException ex)
                {
                    failures.Add($"{Section}:{nameof(options.ScriptFilePath)}: {ex.Message}");
                }
            }
        }

        foreach (var (rule, index) in options.Rules.Select((r, i) => (r, i)))
        {
            if (rule.Regex is not null)
            {
                try
                {
                    _ = new System.Text.RegularExpressions.Regex(rule.Regex);
                }
                catch (ArgumentException ex)
                {
                    failures.Add($"{Section}:{nameof(options.Rules)}[{index}].{nameof(rule.Regex)} is invalid: {ex.Message}");
                }
            }
        }

        ValidateFaultRates(options.FaultRates, failures);
        ValidateWebRtc(options.WebRtc, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateFaultRates(SimulatorFaultRates rates, List<string> failures)
    {
        const string Section = SimulatorOptions.SectionName + ":" + nameof(SimulatorOptions.FaultRates);
        foreach (var (name, rate) in new[]
        {
            (nameof(rates.ConnectRefusal), rates.ConnectRefusal),
            (nameof(rates.DropMidResponse), rates.DropMidResponse),
            (nameof(rates.Stall), rates.Stall),
            (nameof(rates.EarlyExpiry), rates.EarlyExpiry),
            (nameof(rates.SlowRead), rates.SlowRead),
        })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                failures.Add($"{Section}:{name} must be a probability from 0 to 1 (was {rate}).");
            }
        }

        if (rates.RefusalRetryAfter < TimeSpan.Zero || rates.RefusalRetryAfter > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:{nameof(rates.RefusalRetryAfter)} must be from 0 to 1 minute (was {rates.RefusalRetryAfter}).");
        }

        if (rates.DropAfterMaxAudioDeltas < 1)
        {
            failures.Add($"{Section}:{nameof(rates.DropAfterMaxAudioDeltas)} must be at least 1 (was {rates.DropAfterMaxAudioDeltas}).");
        }

        if (rates.StallDuration <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(rates.StallDuration)} must be positive (was {rates.StallDuration}).");
        }

        if (rates.EarlyExpiryMin <= TimeSpan.Zero || rates.EarlyExpiryMax < rates.EarlyExpiryMin)
        {
            failures.Add($"{Section}:{nameof(rates.EarlyExpiryMin)} must be positive and at most {nameof(rates.EarlyExpiryMax)} (were {rates.EarlyExpiryMin} and {rates.EarlyExpiryMax}).");
        }

        if (rates.SlowReadDelay < TimeSpan.Zero || rates.SlowReadDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{Section}:{nameof(rates.SlowReadDelay)} must be from 0 to 10 s (was {rates.SlowReadDelay}).");
        }
    }

    private static void ValidateWebRtc(WebRtcOptions webRtc, List<string> failures)
    {
        const string Section = SimulatorOptions.SectionName + ":" + nameof(SimulatorOptions.WebRtc);
        if (string.IsNullOrWhiteSpace(webRtc.NodePath))
        {
            failures.Add($"{Section}:{nameof(webRtc.NodePath)} must not be empty.");
        }

        if (!System.Net.IPAddress.TryParse(webRtc.IceAddress, out var address) || address.Equals(System.Net.IPAddress.Any) || address.Equals(System.Net.IPAddress.IPv6Any))
        {
            failures.Add($"{Section}:{nameof(webRtc.IceAddress)} must be one IP address of this machine, such as 127.0.0.1 (was '{webRtc.IceAddress}').");
        }

        if (!(webRtc.IcePortMin == 0 && webRtc.IcePortMax == 0)
            && (webRtc.IcePortMin is < 1024 or > 65535 || webRtc.IcePortMax is < 1024 or > 65535 || webRtc.IcePortMin > webRtc.IcePortMax))
        {
            failures.Add($"{Section}:{nameof(webRtc.IcePortMin)} and {nameof(webRtc.IcePortMax)} must both be 0 (any port) or a range within 1024-65535 (were {webRtc.IcePortMin} and {webRtc.IcePortMax}).");
        }

        if (webRtc.MaxCalls < 1)
        {
            failures.Add($"{Section}:{nameof(webRtc.MaxCalls)} must be at least 1 (was {webRtc.MaxCalls}).");
        }

        if (webRtc.ConnectTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(webRtc.ConnectTimeout)} must be positive (was {webRtc.ConnectTimeout}).");
        }
    }

    private static bool IsOn(TimeSpan keepAlive) => keepAlive > TimeSpan.Zero;
}

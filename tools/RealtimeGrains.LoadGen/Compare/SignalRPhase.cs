using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace RealtimeGrains.LoadGen;

/// <summary>
/// The SignalR path: the same scenario driven by the Node driver (<c>tools/loadgen-js/driver.mjs</c>, npm
/// <c>@microsoft/signalr</c>) against the host's hub. The driver prints one JSON object per line: <c>{"stage":…}</c>
/// at ramp-up/hold/hold-end/done (the host is sampled at hold and hold-end here), progress, and finally
/// <c>{"result":{…PhaseResult fields…}}</c>.
/// </summary>
internal static class SignalRPhase
{
    public static async Task<PhaseResult> RunAsync(string driver, Uri host, string serverCredential, ScenarioOptions scenario,
        ProcessMeter? middle, ProcessMeter? simulator, ProgressView view, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(driver))
        {
            throw new InvalidOperationException($"The SignalR driver is missing at '{driver}' (run 'npm ci' in tools/loadgen-js).");
        }

        var audioFile = Path.Combine(Path.GetTempPath(), $"rg-loadgen-audio-{Environment.ProcessId}-{scenario.ChunkMs}.json");
        await File.WriteAllTextAsync(audioFile, SpeechAudio.DriverJson(scenario.ChunkMs), cancellationToken).ConfigureAwait(false);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(driver)! };
        start.ArgumentList.Add(driver);
        foreach (var (name, value) in new[]
        {
            ("--url", host.ToString().TrimEnd('/')),
            ("--audio", audioFile),
            ("--server-credential", serverCredential),
            ("--sessions", scenario.Sessions.ToString(CultureInfo.InvariantCulture)),
            ("--ramp-up", scenario.RampUp.TotalSeconds.ToString(CultureInfo.InvariantCulture)),
            ("--hold", scenario.Hold.TotalSeconds.ToString(CultureInfo.InvariantCulture)),
            ("--ramp-down", scenario.RampDown.TotalSeconds.ToString(CultureInfo.InvariantCulture)),
            ("--chunk-ms", scenario.ChunkMs.ToString(CultureInfo.InvariantCulture)),
            ("--barge-in", scenario.BargeInPercent.ToString(CultureInfo.InvariantCulture)),
            ("--tools", scenario.ToolPercent.ToString(CultureInfo.InvariantCulture)),
            ("--seed", scenario.Seed.ToString(CultureInfo.InvariantCulture)),
            ("--fall-behind-ms", scenario.FallBehindMs.ToString(CultureInfo.InvariantCulture)),
        })
        {
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(value);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var idle = middle?.Sample();
        ProcessSample? middleStart = null;
        ProcessSample? simulatorStart = null;
        ProcessSample? middleEnd = null;
        ProcessSample? simulatorEnd = null;
        PhaseResult? result = null;
        var deadline = scenario.RampUp + scenario.Hold + scenario.RampDown + TimeSpan.FromMinutes(2);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                JsonElement root;
                try
                {
                    root = JsonDocument.Parse(line).RootElement;
                }
                catch (JsonException)
                {
                    continue;
                }

                if (root.TryGetProperty("stage", out var stage))
                {
                    switch (stage.GetString())
                    {
                        case "hold":
                            middleStart = middle?.Sample();
                            simulatorStart = simulator?.Sample();
                            break;
                        case "hold-end":
                            middleEnd = middle?.Sample();
                            simulatorEnd = simulator?.Sample();
                            break;
                    }

                    view.Line($"  [signalr] {line}");
                }
                else if (root.TryGetProperty("result", out var value))
                {
                    result = value.Deserialize(LoadGenJsonContext.Default.PhaseResult);
                }
            }

            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The SignalR driver did not finish within {deadline}.");
        }

        if (result is null)
        {
            throw new InvalidOperationException($"The SignalR driver gave no result (exit {process.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }

        result = result with { Path = LoadPaths.SignalR, Sessions = scenario.Sessions };
        if (middleStart is { } ms && middleEnd is { } me && idle is { } mi)
        {
            var (cpu, wall) = me.Since(ms);
            result = result with { MiddleCpuSeconds = cpu, WallSeconds = wall, MiddleRssMiB = me.ResidentBytes / 1048576.0, MiddleRssGrowthMiB = (me.ResidentBytes - mi.ResidentBytes) / 1048576.0 };
        }

        if (simulatorStart is { } ss && simulatorEnd is { } se)
        {
            result = result with { SimulatorCpuSeconds = se.Since(ss).CpuSeconds };
        }

        return result;
    }
}

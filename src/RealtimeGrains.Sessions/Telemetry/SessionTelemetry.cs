using System.Diagnostics;
using System.Diagnostics.Metrics;
using RealtimeGrains.Sessions.Tools;
using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions.Telemetry;

/// <summary>
/// The session grains' spans (<see cref="ActivitySourceName"/>) and instruments (<see cref="MeterName"/>). With no
/// listener (telemetry off) a span start returns null and an instrument call returns at its <c>Enabled</c> check, so the
/// hooks cost a branch each.
/// </summary>
public static class SessionTelemetry
{
    /// <summary>The name of the session grains' <see cref="ActivitySource"/>.</summary>
    public const string ActivitySourceName = "RealtimeGrains.Sessions";

    /// <summary>The name of the session grains' <see cref="Meter"/>.</summary>
    public const string MeterName = "RealtimeGrains.Sessions";

    internal const string SessionIdTag = "realtimegrains.session.id";
    internal const string UpstreamKindTag = "realtimegrains.upstream.kind";
    internal const string UpstreamChangeTag = "realtimegrains.upstream.change";

    /// <summary>Latency buckets in seconds (OTel's HTTP duration advice).</summary>
    internal static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    private static readonly Meter s_meter = new(MeterName);

    private static readonly UpDownCounter<long> s_active = s_meter.CreateUpDownCounter<long>(
        "realtimegrains.session.active", "{session}", "Session grains active on this silo.");

    private static readonly Histogram<double> s_firstAudio = s_meter.CreateHistogram(
        "realtimegrains.session.first_audio.duration", "s", "From the end of the user's turn (speech stopped, commit or response request) to the first audio of the answer.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Histogram<double> s_tool = s_meter.CreateHistogram(
        "realtimegrains.tool.duration", "s", "Duration of one server tool call, by tool and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Counter<long> s_connectFailures = s_meter.CreateCounter<long>(
        "realtimegrains.upstream.connect.failures", "{failure}", "Failed upstream connect attempts, by cause (error.type: HTTP status, timeout or network).");

    private static readonly Counter<long> s_reconnects = s_meter.CreateCounter<long>(
        "realtimegrains.upstream.reconnects", "{reconnect}", "Upstream sockets lost while in use (a reconnect follows), by cause.");

    private static readonly Counter<long> s_rollovers = s_meter.CreateCounter<long>(
        "realtimegrains.upstream.rollovers", "{rollover}", "Upstream sessions replaced before their time limit.");

    private static readonly Histogram<double> s_stateWrites = s_meter.CreateHistogram(
        "realtimegrains.session.state.write.duration", "s", "Conversation state writes (count and duration), by outcome: ok, failed, stale.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Counter<double> s_audioIn = s_meter.CreateCounter<double>(
        "realtimegrains.session.audio.input", "s", "Client audio sent upstream.");

    private static readonly Counter<double> s_audioOut = s_meter.CreateCounter<double>(
        "realtimegrains.session.audio.output", "s", "Assistant audio received from upstream.");

    private static readonly Histogram<long> s_tokens = s_meter.CreateHistogram(
        "gen_ai.client.token.usage", "{token}", "Tokens per response (response.done usage), by token type and model.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576] });

    internal static void SessionActivated() => s_active.Add(1);

    internal static void SessionDeactivated() => s_active.Add(-1);

    internal static void FirstAudio(TimeSpan latency) => s_firstAudio.Record(latency.TotalSeconds);

    internal static bool AudioInEnabled => s_audioIn.Enabled;

    internal static void AudioIn(double seconds) => s_audioIn.Add(seconds);

    internal static void AudioOut(double seconds)
    {
        if (s_audioOut.Enabled)
        {
            s_audioOut.Add(seconds);
        }
    }

    /// <summary>A tool call ended: its duration by tool (<paramref name="tool"/>: a registered name, never the model's free text) and outcome.</summary>
    internal static void ToolFinished(string tool, ToolOutcome outcome, TimeSpan elapsed, Activity? span)
    {
        var outcomeName = OutcomeName(outcome);
        if (s_tool.Enabled)
        {
            s_tool.Record(elapsed.TotalSeconds, new("gen_ai.tool.name", tool), new("realtimegrains.tool.outcome", outcomeName));
        }

        if (span is not null)
        {
            span.SetTag("realtimegrains.tool.outcome", outcomeName);
            if (outcome != ToolOutcome.Succeeded)
            {
                Fail(span, outcomeName);
            }
        }
    }

    /// <summary>Makes <paramref name="span"/> the ambient span of the calling flow (off the grain) and returns it.</summary>
    internal static Activity? MakeAmbient(Activity? span)
    {
        if (span is not null)
        {
            Activity.Current = span;
        }

        return span;
    }

    internal static void ConnectFailed(UpstreamKind kind, string errorType)
    {
        if (s_connectFailures.Enabled)
        {
            s_connectFailures.Add(1, new(UpstreamKindTag, kind.ToString()), new("error.type", errorType));
        }
    }

    internal static void UpstreamLost(bool failed)
    {
        if (s_reconnects.Enabled)
        {
            s_reconnects.Add(1, new KeyValuePair<string, object?>("realtimegrains.upstream.cause", failed ? "error" : "closed"));
        }
    }

    internal static void RolledOver() => s_rollovers.Add(1);

    internal static void StateWritten(string outcome, TimeSpan elapsed)
    {
        if (s_stateWrites.Enabled)
        {
            s_stateWrites.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("realtimegrains.state.outcome", outcome));
        }
    }

    internal static void TokensUsed(string model, int? input, int? output)
    {
        if (!s_tokens.Enabled)
        {
            return;
        }

        var modelTag = new KeyValuePair<string, object?>("gen_ai.request.model", model);
        if (input is { } i)
        {
            s_tokens.Record(i, new("gen_ai.token.type", "input"), modelTag);
        }

        if (output is { } o)
        {
            s_tokens.Record(o, new("gen_ai.token.type", "output"), modelTag);
        }
    }

    /// <summary>
    /// Starts a span of <paramref name="sessionId"/>'s trace under <paramref name="parent"/> (default: the session's root)
    /// without making it ambient: grain code runs many unrelated things on one async flow.
    /// </summary>
    internal static Activity? StartSpan(string name, string sessionId, ActivityKind kind = ActivityKind.Internal, ActivityContext parent = default)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var previous = Activity.Current;
        var activity = Source.StartActivity(name, kind, parent == default ? SessionTraceContext.For(sessionId) : parent);
        Activity.Current = previous;
        activity?.SetTag(SessionIdTag, sessionId);
        return activity;
    }

    /// <summary>A tool call's span, child of the ambient span (the tools span of its response) when there is one.</summary>
    internal static Activity? StartToolCall(string sessionId, string tool, string callId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("execute_tool " + tool, ActivityKind.Internal, Activity.Current?.Context ?? SessionTraceContext.For(sessionId));
        activity?.SetTag(SessionIdTag, sessionId);
        activity?.SetTag("gen_ai.operation.name", "execute_tool");
        activity?.SetTag("gen_ai.tool.name", tool);
        activity?.SetTag("gen_ai.tool.call.id", callId);
        return activity;
    }

    /// <summary>Ends <paramref name="activity"/> as failed with <paramref name="errorType"/> (no message: it may carry input).</summary>
    internal static void Fail(Activity? activity, string errorType)
    {
        activity?.SetTag("error.type", errorType);
        activity?.SetStatus(ActivityStatusCode.Error);
    }

    /// <summary>The <c>error.type</c> of a refused or failed connect: the HTTP status, or <c>network</c> when there was none.</summary>
    internal static string ErrorTypeOf(int statusCode) =>
        statusCode == 0 ? "network" : statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static string OutcomeName(ToolOutcome outcome) => outcome switch
    {
        ToolOutcome.Succeeded => "ok",
        ToolOutcome.Failed => "failed",
        ToolOutcome.TimedOut => "timeout",
        _ => "rejected",
    };
}

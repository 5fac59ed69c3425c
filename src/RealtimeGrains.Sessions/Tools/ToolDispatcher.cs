using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Sessions.Hosting;
using RealtimeGrains.Sessions.Telemetry;
using RealtimeGrains.Tools;

namespace RealtimeGrains.Sessions.Tools;

/// <summary>
/// Runs the function calls of one response in parallel, each against its tool grain with its own timeout.
/// Failures, timeouts and unknown tools become structured outputs the model can talk about; nothing throws.
/// Runs outside grain turns, so the session keeps streaming audio while tools work.
/// </summary>
internal sealed partial class ToolDispatcher(
    ToolRegistry registry,
    IGrainFactory grainFactory,
    [FromKeyedServices(RealtimeClock.ServiceKey)] TimeProvider time,
    ILogger<ToolDispatcher> logger)
{
    public async Task<IReadOnlyList<ToolCallOutput>> RunAsync(string sessionId, IReadOnlyList<ToolCall> calls, Func<string, Task>? speakFiller, CancellationToken cancellationToken = default)
    {
        var running = calls.Select(call => RunOneAsync(sessionId, call, cancellationToken)).ToArray();
        var all = Task.WhenAll(running);
        var filler = calls.Select(c => registry.Find(c.Name)?.Options).Where(o => o?.FillerInstructions is not null).MinBy(o => o!.FillerAfter);
        if (filler is not null && speakFiller is not null)
        {
            try
            {
                await all.WaitAsync(filler.FillerAfter, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await speakFiller(filler.FillerInstructions!).ConfigureAwait(false);
            }
        }

        return await all.ConfigureAwait(false);
    }

    private async Task<ToolCallOutput> RunOneAsync(string sessionId, ToolCall call, CancellationToken cancellationToken)
    {
        using var span = SessionTelemetry.StartToolCall(sessionId, call.Name, call.CallId);
        var started = Stopwatch.GetTimestamp();
        var output = await CallToolAsync(sessionId, call, cancellationToken).ConfigureAwait(false);

        // The metric's tool tag is a registered name only: an unknown name is the model's free text.
        SessionTelemetry.ToolFinished(registry.Find(call.Name) is null ? "unknown" : call.Name, output.Outcome, Stopwatch.GetElapsedTime(started), span);
        return output;
    }

    private async Task<ToolCallOutput> CallToolAsync(string sessionId, ToolCall call, CancellationToken cancellationToken)
    {
        var tool = registry.Find(call.Name);
        if (tool is null)
        {
            LogToolRejected(logger, sessionId, call.Name, call.CallId, "unknown tool");
            return new ToolCallOutput(call.CallId, Error("unknown_tool", $"There is no tool named '{call.Name}'."), ToolOutcome.Rejected);
        }

        var key = tool.Options.Key.Resolve(call.Name, sessionId, call.Arguments, out var keyError);
        if (key is null)
        {
            LogToolRejected(logger, sessionId, call.Name, call.CallId, keyError!);
            return new ToolCallOutput(call.CallId, Error("invalid_arguments", keyError!), ToolOutcome.Rejected);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(tool.Options.Timeout);
        var started = time.GetTimestamp();
        try
        {
            var result = await tool.Invoke(grainFactory, key, call, timeout.Token).WaitAsync(tool.Options.Timeout, time, cancellationToken).ConfigureAwait(false);
            var elapsedMs = time.GetElapsedTime(started).TotalMilliseconds;
            LogToolFinished(logger, sessionId, call.Name, call.CallId, result.IsError, elapsedMs);
            return result.IsError
                ? new ToolCallOutput(call.CallId, Error("tool_error", result.Output), ToolOutcome.Failed)
                : new ToolCallOutput(call.CallId, result.Output, ToolOutcome.Succeeded);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Tell the tool grain to stop now: the timer of CancelAfter dies with the source when this method returns.
            await timeout.CancelAsync().ConfigureAwait(false);
            LogToolTimedOut(logger, sessionId, call.Name, call.CallId, tool.Options.Timeout.TotalMilliseconds);
            return new ToolCallOutput(
                call.CallId,
                Error("timeout", $"The tool '{call.Name}' did not answer within {tool.Options.Timeout.TotalSeconds:0.#} seconds."),
                ToolOutcome.TimedOut);
        }
#pragma warning disable CA1031 // A tool's exception becomes an output the model can talk about.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogToolFailed(logger, sessionId, call.Name, call.CallId, ex);
            return new ToolCallOutput(call.CallId, Error("tool_failed", $"The tool '{call.Name}' failed."), ToolOutcome.Failed);
        }
    }

    /// <summary>A structured failure output: <c>{"error":{"type":…,"message":…}}</c>.</summary>
    internal static string Error(string type, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("type", type);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Session {SessionId}: tool {Tool} call {CallId} finished (error: {IsError}) in {ElapsedMs} ms")]
    private static partial void LogToolFinished(ILogger logger, string sessionId, string tool, string callId, bool isError, double elapsedMs);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Session {SessionId}: tool {Tool} call {CallId} timed out after {TimeoutMs} ms")]
    private static partial void LogToolTimedOut(ILogger logger, string sessionId, string tool, string callId, double timeoutMs);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Session {SessionId}: tool {Tool} call {CallId} failed")]
    private static partial void LogToolFailed(ILogger logger, string sessionId, string tool, string callId, Exception exception);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Session {SessionId}: tool call {CallId} to {Tool} rejected: {Reason}")]
    private static partial void LogToolRejected(ILogger logger, string sessionId, string tool, string callId, string reason);
}

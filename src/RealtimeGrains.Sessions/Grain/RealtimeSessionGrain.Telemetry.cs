using System.Diagnostics;
using Orleans.Storage;
using RealtimeGrains.Sessions.Telemetry;

namespace RealtimeGrains.Sessions;

/// <summary>
/// Spans and measurements of the session (see <see cref="SessionTelemetry"/>): every span hangs from the session's trace
/// (<see cref="SessionTraceContext"/>). The other partial files call these one-liners; without a listener each is a branch.
/// </summary>
internal sealed partial class RealtimeSessionGrain
{
    private ResponseTelemetry? _responses;
    private Activity? _openingSpan;
    private bool _countedActive;

    private Activity? StartActivateSpan() => SessionTelemetry.StartSpan("realtime.session.activate", _sessionId);

    private void OnActivatedTelemetry(Activity? span)
    {
        _responses = new ResponseTelemetry(_sessionId, _options.Upstream.Deployment);
        _countedActive = true;
        SessionTelemetry.SessionActivated();
        span?.SetTag("realtimegrains.session.items", State.Items.Count);
        span?.SetTag("realtimegrains.session.resumed", State.Items.Count > 0 || State.UpstreamGenerations > 0);
    }

    private void OnDeactivatedTelemetry()
    {
        _responses?.Abandon("deactivated");
        EndOpeningSpan("deactivated");
        if (_countedActive)
        {
            _countedActive = false;
            SessionTelemetry.SessionDeactivated();
        }
    }

    /// <summary>The span of opening a new upstream session: from the decision to the primed session (its connect attempts are children).</summary>
    private Activity? StartOpeningSpan(UpstreamChange change)
    {
        EndOpeningSpan("superseded");
        var name = change switch
        {
            UpstreamChange.Rollover => "realtime.upstream.rollover",
            UpstreamChange.Reconnect => "realtime.upstream.reconnect",
            UpstreamChange.Call => "realtime.call.start",
            _ when State.Items.Count > 0 || State.UpstreamGenerations > 0 => "realtime.session.resume",
            _ => "realtime.session.start",
        };
        _openingSpan = SessionTelemetry.StartSpan(name, _sessionId);
        _openingSpan?.SetTag(SessionTelemetry.UpstreamChangeTag, change.ToString().ToLowerInvariant());
        return _openingSpan;
    }

    private void OnUpstreamSwitched(UpstreamChange change, int replayed)
    {
        if (change == UpstreamChange.Rollover)
        {
            SessionTelemetry.RolledOver();
        }

        _openingSpan?.SetTag("realtimegrains.upstream.generation", _generation);
        _openingSpan?.SetTag("realtimegrains.session.replayed_items", replayed);
        _openingSpan?.Dispose();
        _openingSpan = null;
    }

    private void EndOpeningSpan(string? failure)
    {
        if (_openingSpan is { } span)
        {
            _openingSpan = null;
            if (failure is not null)
            {
                SessionTelemetry.Fail(span, failure);
            }

            span.Dispose();
        }
    }

    private void OnUpstreamLostTelemetry(Exception? failure)
    {
        SessionTelemetry.UpstreamLost(failure is not null);
        _responses?.Abandon("upstream_lost");
    }

    /// <summary>The span of one response's server tool calls, child of the response's span; the caller makes it ambient off the grain.</summary>
    private Activity? StartToolsSpan(int calls)
    {
        var span = SessionTelemetry.StartSpan("realtime.tools", _sessionId, parent: _responses?.LastDone ?? default);
        span?.SetTag("realtimegrains.tool.calls", calls);
        return span;
    }

    private void CountAudioIn(int bytes)
    {
        if (SessionTelemetry.AudioInEnabled)
        {
            SessionTelemetry.AudioIn(InputFormat.BytesToMilliseconds(bytes) / 1000);
        }
    }

    private async Task WriteStateMeasuredAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            await _persisted.WriteStateAsync();
            outcome = "ok";
        }
        catch (InconsistentStateException)
        {
            outcome = "stale";
            throw;
        }
        finally
        {
            SessionTelemetry.StateWritten(outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}

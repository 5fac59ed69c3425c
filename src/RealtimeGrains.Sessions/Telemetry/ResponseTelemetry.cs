using System.Diagnostics;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Sessions.Telemetry;

/// <summary>
/// One session's response spans and turn measurements, fed the upstream's server events on the grain: a
/// <c>realtime.response</c> span from <c>response.created</c> to <c>response.done</c> (status, usage), first-audio
/// latency from the end of the user's turn (speech stopped or buffer committed; else the response's creation) to its
/// first audio delta, audio seconds out, and token usage per model. Not thread-safe: the grain calls it in its turns.
/// </summary>
internal sealed class ResponseTelemetry(string sessionId, string model)
{
    private const int MaxOpenSpans = 16;
    private readonly Dictionary<string, (Activity? Span, bool HeardAudio)> _open = new(StringComparer.Ordinal);
    private long _turnEnded;

    /// <summary>The span context of the last response that finished (its tool calls become its children).</summary>
    public ActivityContext LastDone { get; private set; }

    public void OnServerEvent(ServerEvent serverEvent, AudioFormat outputFormat)
    {
        switch (serverEvent)
        {
            case InputAudioBufferSpeechStartedEvent:
                _turnEnded = 0; // the user speaks (again): their turn has not ended
                break;
            case InputAudioBufferSpeechStoppedEvent:
                _turnEnded = Stopwatch.GetTimestamp();
                break;
            case InputAudioBufferCommittedEvent when _turnEnded == 0:
                _turnEnded = Stopwatch.GetTimestamp();
                break;
            case ResponseCreatedEvent { Response.Id: { } id } created:
                Started(id, created.Response);
                break;
            case ResponseOutputAudioDeltaEvent delta:
                SessionTelemetry.AudioOut(outputFormat.BytesToMilliseconds(delta.Delta.Length) / 1000);
                if (delta.ResponseId is { } responseId && _open.TryGetValue(responseId, out var open) && !open.HeardAudio)
                {
                    _open[responseId] = (open.Span, true);
                    if (_turnEnded != 0)
                    {
                        var latency = Stopwatch.GetElapsedTime(_turnEnded);
                        _turnEnded = 0;
                        SessionTelemetry.FirstAudio(latency);
                        open.Span?.SetTag("realtimegrains.response.first_audio_ms", Math.Round(latency.TotalMilliseconds, 1));
                    }
                }

                break;
            case ResponseDoneEvent { Response: { Id: { } id } response }:
                Done(id, response);
                break;
        }
    }

    /// <summary>The upstream went away: every open response span ends as failed.</summary>
    public void Abandon(string reason)
    {
        foreach (var (span, _) in _open.Values)
        {
            SessionTelemetry.Fail(span, reason);
            span?.Dispose();
        }

        _open.Clear();
        _turnEnded = 0;
    }

    private void Started(string id, RealtimeResponse? response)
    {
        if (_turnEnded == 0)
        {
            _turnEnded = Stopwatch.GetTimestamp();
        }

        if (_open.Count >= MaxOpenSpans || _open.ContainsKey(id))
        {
            return;
        }

        var span = SessionTelemetry.StartSpan("realtime.response", sessionId, ActivityKind.Client);
        if (span is not null)
        {
            span.SetTag("gen_ai.operation.name", "realtime");
            span.SetTag("gen_ai.request.model", model);
            span.SetTag("gen_ai.response.id", id);
            if (response?.ConversationId is null)
            {
                span.SetTag("realtimegrains.response.out_of_band", true);
            }
        }

        _open[id] = (span, false);
    }

    private void Done(string id, RealtimeResponse response)
    {
        SessionTelemetry.TokensUsed(model, response.Usage?.InputTokens, response.Usage?.OutputTokens);
        if (!_open.Remove(id, out var open))
        {
            return;
        }

        if (open.Span is { } span)
        {
            span.SetTag("realtimegrains.response.status", response.Status);
            span.SetTag("gen_ai.usage.input_tokens", response.Usage?.InputTokens);
            span.SetTag("gen_ai.usage.output_tokens", response.Usage?.OutputTokens);
            span.SetTag("realtimegrains.response.function_calls", response.Output?.Count(i => i.Type == ItemTypes.FunctionCall) ?? 0);
            if (response.Status == RealtimeResponse.Statuses.Failed)
            {
                SessionTelemetry.Fail(span, response.StatusDetails?.Error?.Code ?? "failed");
            }

            LastDone = span.Context;
            span.Dispose();
        }
    }
}

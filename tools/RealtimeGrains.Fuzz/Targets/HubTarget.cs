using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeGrains.Fuzz.Corpus;
using RealtimeGrains.Fuzz.Generation;
using RealtimeGrains.Fuzz.Hosting;
using RealtimeGrains.Fuzz.Running;

namespace RealtimeGrains.Fuzz.Targets;

/// <summary>
/// The SignalR hub (<c>/hubs/realtime</c>): batches of generated calls to every hub method (and to methods it does not
/// have) over one real SignalR connection each. Properties: every call completes or is refused with a
/// <see cref="HubException"/> (never a dropped connection, a hang or another failure); the connection is still
/// connected after the batch and answers a last call; a bystander session completes text turns throughout; no
/// error-level log line, no unobserved exception. <c>session.close</c> events are not sent (they end the session).
/// </summary>
internal sealed class HubTarget : IFuzzTarget
{
    public const string TargetName = "hub";
    private const int Parallel = 2;

    public string Name => TargetName;

    public Task<FuzzReport> RunAsync(FuzzSettings settings, CancellationToken cancellationToken = default) =>
        GatewayBatchRun.RunAsync(Name, settings, Parallel, HubGen.Batches, CheckOversizedMessageAsync, RunBatchAsync, cancellationToken);

    public Task<FuzzReport> ReplayAsync(IReadOnlyList<CorpusEntry> entries, CancellationToken cancellationToken = default) =>
        GatewayBatchRun.ReplayAsync(Name, entries, RunBatchAsync, cancellationToken);

    private static async Task RunBatchAsync(FuzzGateway gateway, CorpusEntry batch, long index, FuzzReport report, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(gateway.BaseUri, "/hubs/realtime")).Build();
        await using (connection.ConfigureAwait(false))
        {
            connection.On<string>("serverEvent", json =>
            {
                using var evt = JsonDocument.Parse(json);
                if (RealtimeSocket.TypeOf(evt.RootElement) == "error")
                {
                    report.Refuse("serverEvent error " + (RealtimeSocket.ErrorCode(evt.RootElement) ?? "(no code)"));
                }
            });
            var phase = "connecting";
            try
            {
                await connection.StartAsync(cancellationToken).WaitAsync(FuzzGateway.Deadline, cancellationToken).ConfigureAwait(false);
                var calls = batch.Calls ?? [];
                for (var i = 0; i < calls.Count; i++)
                {
                    var call = calls[i];
                    if (IsSessionClose(call))
                    {
                        continue;
                    }

                    phase = $"call {i} of {calls.Count}: {call}";
                    report.CountInput();
                    try
                    {
                        await InvokeAsync(gateway, connection, call, cancellationToken).ConfigureAwait(false);
                        report.Accept();
                    }
                    catch (HubException ex) when (IsUnexpected(ex))
                    {
                        // SignalR's text for an exception the hub did not mean to throw.
                        report.Find(index, $"{phase}: the hub failed: {ex.Message}", batch);
                    }
                    catch (HubException ex)
                    {
                        report.Refuse(call.Method + ": " + Kind(ex.Message));
                    }
                }

                phase = "the last call after the batch";
                var alive = await connection.InvokeAsync<JsonElement>("Attach", "not-a-token", cancellationToken).WaitAsync(FuzzGateway.Deadline, cancellationToken)
                    .ContinueWith(t => t.Exception?.InnerException, TaskScheduler.Default).ConfigureAwait(false);
                if (alive is not HubException || connection.State != HubConnectionState.Connected)
                {
                    report.Find(index, $"after the batch the connection is {connection.State} and the last call ended with {alive?.GetType().Name}: {alive?.Message}", batch);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                report.Find(index, $"{phase}: {ex.GetType().Name}: {ex.Message}", batch);
            }
        }
    }

    /// <summary>
    /// A message above <c>Gateway:MaxHubMessageBytes</c> is SignalR's to refuse: it closes that connection (the
    /// bystander checks that the others go on).
    /// </summary>
    private static async Task CheckOversizedMessageAsync(FuzzGateway gateway, FuzzReport report, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(gateway.BaseUri, "/hubs/realtime")).Build();
        await using (connection.ConfigureAwait(false))
        {
            var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.Closed += ex =>
            {
                closed.TrySetResult(ex);
                return Task.CompletedTask;
            };
            await connection.StartAsync(cancellationToken).WaitAsync(FuzzGateway.Deadline, cancellationToken).ConfigureAwait(false);
            var call = connection.InvokeAsync("SendText", new string('t', 300_000), cancellationToken);
            string outcome;
            try
            {
                var reason = await closed.Task.WaitAsync(FuzzGateway.Deadline, cancellationToken).ConfigureAwait(false);
                outcome = "connection closed: " + (reason?.Message ?? "(no reason)");
            }
            catch (TimeoutException)
            {
                outcome = $"connection still {connection.State}";
                report.Find(-1, "a 300 KB hub message should close the connection: " + outcome, new CorpusEntry { Target = TargetName });
            }

            await call.ContinueWith(t => _ = t.Exception, TaskScheduler.Default).ConfigureAwait(false);
            report.Checks["a 300 KB hub message"] = outcome;
        }
    }

    private static async Task InvokeAsync(FuzzGateway gateway, HubConnection connection, HubCall call, CancellationToken cancellationToken)
    {
        var arguments = new List<object?>();
        foreach (var argument in call.Arguments)
        {
            arguments.Add(argument == HubCall.TokenPlaceholder ? await gateway.MintAsync(cancellationToken).ConfigureAwait(false) : JsonDocument.Parse(argument).RootElement.Clone());
        }

        if (call.Stream is { } items)
        {
            var stream = Channel.CreateUnbounded<JsonElement>();
            foreach (var item in items)
            {
                stream.Writer.TryWrite(JsonDocument.Parse(item).RootElement.Clone());
            }

            stream.Writer.Complete();
            arguments.Add(stream.Reader);
        }

        await connection.InvokeCoreAsync(call.Method, typeof(object), [.. arguments], cancellationToken).WaitAsync(FuzzGateway.Deadline, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsUnexpected(HubException ex) =>
        ex.Message.StartsWith("An unexpected error occurred", StringComparison.Ordinal) && !ex.Message.Contains("HubException: ", StringComparison.Ordinal);

    /// <summary>The first words of a refusal, so refusals can be counted by kind.</summary>
    private static string Kind(string message)
    {
        var deliberate = message.IndexOf("HubException: ", StringComparison.Ordinal);
        message = deliberate >= 0 ? message[(deliberate + "HubException: ".Length)..] : message;
        var end = message.IndexOfAny([':', '.', ';', '\'']);
        return FuzzReport.Shorten(end > 0 ? message[..end] : message, 60);
    }

    private static bool IsSessionClose(HubCall call)
    {
        if (call.Method != "SendEvent" || call.Arguments.Count == 0 || !call.Arguments[0].StartsWith('"'))
        {
            return false;
        }

        var json = JsonSerializer.Deserialize<string>(call.Arguments[0]) ?? "";
        var parsed = Protocol.RealtimeProtocol.ParseClientEvent(System.Text.Encoding.UTF8.GetBytes(json), Protocol.ProtocolDialect.GA);
        using (parsed.Event as IDisposable)
        {
            return parsed.Event is Protocol.SessionCloseEvent;
        }
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeGrains.Gateway.Tests.Infrastructure;

namespace RealtimeGrains.Gateway.Tests.Hub;

/// <summary>
/// A client's bad input is that client's problem: 1,500 junk hub calls (bad tokens, calls before attaching, malformed and
/// unknown events, invalid audio, unknown methods, wrong argument types, a second attach) are each refused to that
/// caller, leave no log entry at warning level or above, cost at most a small budget of short log lines, and another
/// session on the same gateway goes on answering.
/// </summary>
public sealed class HubJunkInputTests
{
    private const int JunkCalls = 1_500;

    [Fact]
    public async Task JunkHubCalls_AreRefusedToTheCaller_LoggedBelowWarning_WithinABudget_AndShort_OtherSessionsUnaffected()
    {
        await using var server = await GatewayServer.StartAsync();
        await using var junk = Connect(server);
        await junk.StartAsync().WaitAsync(GatewayServer.Deadline);
        var longText = new string('Z', 60_000);

        var before = server.Logs.Lines.Count;
        var refused = 0;
        var accepted = new List<int>();
        for (var i = 0; i < JunkCalls; i++)
        {
            if (i == JunkCalls / 3)
            {
                var (token, _) = await server.MintAsync();
                await junk.InvokeAsync<JsonElement>("Attach", token).WaitAsync(GatewayServer.Deadline);
            }

            Task call = (i % 9) switch
            {
                0 => junk.InvokeAsync<JsonElement>("Attach", "not-a-token-" + longText),
                1 => junk.InvokeAsync("SendEvent", "{not json " + longText),
                2 => junk.InvokeAsync("SendEvent", $$"""{"type":"{{longText}}"}"""),
                3 => junk.InvokeAsync("SendEvent", """{"type":"input_audio_buffer.append","audio":"%%%not base64%%%"}"""),
                4 => junk.InvokeAsync("NoSuchMethod", longText),
                5 => junk.InvokeAsync("ReportPlayback", 42, "not a number"),
                6 => junk.InvokeAsync("Truncate", "", -1),
                7 => junk.InvokeAsync("SendText", ""),
                _ => junk.InvokeAsync("SendEvent", """{"type":"response.create","response":"not an object"}"""),
            };
            try
            {
                await call.WaitAsync(GatewayServer.Deadline);
                accepted.Add(i % 9);
            }
            catch (HubException)
            {
                refused++;
            }

        }

        // Only the calls that happen to be valid (none of the above is) could succeed; the connection survived them all.
        Assert.True(JunkCalls == refused, "accepted junk of kinds " + string.Join(",", accepted.Distinct()));
        Assert.Equal(HubConnectionState.Connected, junk.State);

        // Another session on the same gateway is unaffected.
        await using var other = Connect(server);
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        other.On<string>("serverEvent", json =>
        {
            if (json.Contains("\"response.done\"", StringComparison.Ordinal))
            {
                done.TrySetResult(json);
            }
        });
        await other.StartAsync().WaitAsync(GatewayServer.Deadline);
        var (otherToken, _) = await server.MintAsync();
        await other.InvokeAsync<JsonElement>("Attach", otherToken).WaitAsync(GatewayServer.Deadline);
        await other.InvokeAsync("SendText", "hello after the junk").WaitAsync(GatewayServer.Deadline);
        Assert.Contains("completed", await done.Task.WaitAsync(GatewayServer.Deadline), StringComparison.Ordinal);

        // What was logged from the first junk call on; the Orleans runtime's own health notes (a starved CPU) are not about input.
        var lines = server.Logs.Lines.Skip(before).ToArray();
        Assert.DoesNotContain(lines, l => l.Split(' ') is [var level, var category, ..] && level is "Warning" or "Error" or "Critical" && !category.StartsWith("Orleans.", StringComparison.Ordinal));
        var aboutJunk = lines.Where(l => l.Contains(junk.ConnectionId!, StringComparison.Ordinal)).ToArray();
        Assert.InRange(aboutJunk.Length, 1, 3 * RefusalLogBudget.PerWindow);
        Assert.DoesNotContain(lines, l => l.Contains(new string('Z', 200), StringComparison.Ordinal));
    }

    private static HubConnection Connect(GatewayServer server) =>
        new HubConnectionBuilder().WithUrl(new Uri(server.BaseUri, "/hubs/realtime")).Build();
}

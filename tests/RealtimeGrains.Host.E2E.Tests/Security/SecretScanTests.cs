using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeGrains.TestKit;
using RealtimeGrains.TestKit.Azurite;
using RealtimeGrains.TestKit.Cluster;
using Xunit.Abstractions;

namespace RealtimeGrains.Host.E2E.Tests.Security;

/// <summary>
/// The credentials a deployment holds — the upstream key, the server credential, the token signing key, the storage
/// account key — never reach a client, a log line or persisted state. A real silo (AzureTable clustering, AzureBlob state
/// on a real Azurite, the simulator as a real upstream, the dashboard and recordings on, every log category at debug)
/// is driven through what clients and operators do and do wrong; then every log line it wrote, every HTTP body and header
/// and WebSocket/hub frame the clients received, and every blob and table entity in storage are searched for each secret.
/// </summary>
[Collection(HostProcessesRunAlone.Name)]
public sealed class SecretScanTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task NoSecret_InAnyLogLine_ResponseFrame_OrPersistedState()
    {
        await using var cluster = await ClusterHarness.StartAsync(1, new ClusterHarnessOptions
        {
            ExtraSiloArguments =
            [
                "--Host:Dashboard:Enabled=true",
                "--RealtimeSessions:Recording:Enabled=true",
                "--Logging:LogLevel:Default=Debug",
                "--Logging:LogLevel:Microsoft=Debug",
                "--Logging:LogLevel:Orleans=Debug",
            ],
        });
        var silo = cluster["silo-1"];
        var seen = new StringBuilder();

        // Application server: a good mint and a bad one.
        var (token, sessionId) = await silo.MintAsync();
        using (var bad = new HttpRequestMessage(HttpMethod.Post, "/v1/realtime/sessions") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        {
            bad.Headers.Add("api-key", "wrong-" + HostProcess.ServerCredential);
            await RecordAsync(seen, await silo.Http.SendAsync(bad));
        }

        // A Realtime client: a server-side tool turn, junk, a wrong token.
        await using (var client = await RealtimeSocket.ConnectAsync(silo.WebSocketUri(RealtimeSocket.GaPath), token, Deadline))
        {
            await client.SendUserTextAsync("What is the weather in Paris?", Deadline);
            await client.SendAsync("""{"type":"response.create"}""", Deadline);
            var (_, turn) = await client.WaitForAsync(e => RealtimeSocket.TypeOf(e) == "response.done" && e.GetRawText().Contains("message", StringComparison.Ordinal), "the reply after the tool", Deadline);
            await client.SendAsync("""{"type":"no.such.event","event_id":"evt_junk"}""", Deadline);
            await client.SendAsync("""{"type":"input_audio_buffer.append","audio":"%%%"}""", Deadline);
            await client.SendAsync("{not json", Deadline);
            var (_, errors) = await client.WaitForAsync(e => RealtimeSocket.TypeOf(e) == "error" && e.GetRawText().Contains("JSON", StringComparison.OrdinalIgnoreCase), "the malformed JSON's error", Deadline, allowErrors: true);
            foreach (var frame in turn.Concat(errors))
            {
                seen.AppendLine(frame.GetRawText());
            }
        }

        await RecordAsync(seen, await silo.Http.GetAsync(new Uri($"/openai/v1/realtime?model=gpt-realtime&api-key={token}", UriKind.Relative)));

        // A SignalR client resuming the session.
        var (resume, _) = await silo.MintAsync(sessionId);
        await using (var hub = new HubConnectionBuilder().WithUrl(new Uri(silo.BaseUri, "/hubs/realtime")).Build())
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.On<string>("serverEvent", json =>
            {
                lock (seen)
                {
                    seen.AppendLine(json);
                }

                if (json.Contains("\"response.done\"", StringComparison.Ordinal))
                {
                    done.TrySetResult();
                }
            });
            await hub.StartAsync().WaitAsync(Deadline);
            var attached = await hub.InvokeAsync<JsonElement>("Attach", resume).WaitAsync(Deadline);
            seen.AppendLine(attached.GetRawText());
            await hub.InvokeAsync("SendText", "hello again").WaitAsync(Deadline);
            await done.Task.WaitAsync(Deadline);
            try
            {
                await hub.InvokeAsync<JsonElement>("Attach", "forged-token").WaitAsync(Deadline);
            }
            catch (Microsoft.AspNetCore.SignalR.HubException ex)
            {
                seen.AppendLine(ex.Message);
            }
        }

        // Operator: health, the transcript and recording, the dashboard's login and sessions page.
        await RecordAsync(seen, await silo.Http.GetAsync(new Uri("/readyz", UriKind.Relative)));
        await RecordAsync(seen, await AuthorizedAsync(silo, HttpMethod.Get, $"/v1/sessions/{sessionId}/transcript"));
        await RecordAsync(seen, await AuthorizedAsync(silo, HttpMethod.Get, $"/v1/sessions/{sessionId}/recording?direction=output"));
        using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = silo.BaseUri })
        {
            var login = await browser.PostAsync(new Uri("/dashboard/login", UriKind.Relative), new FormUrlEncodedContent([new("credential", HostProcess.ServerCredential), new("returnUrl", "/dashboard/sessions")]));
            var cookie = login.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.First().Split(';')[0] : "";
            await RecordAsync(seen, login);
            using var sessions = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/sessions");
            sessions.Headers.Add("Cookie", cookie);
            await RecordAsync(seen, await browser.SendAsync(sessions));
        }

        var storage = await ReadStorageAsync(cluster.Azurite.ConnectionString);
        var logs = silo.OutputText();
        output.WriteLine($"scanned {logs.Length:N0} chars of log, {seen.Length:N0} chars of responses and frames, {storage.Length:N0} chars of storage");
        Assert.Contains(sessionId, storage, StringComparison.Ordinal); // the scan reads the session's persisted state
        Assert.Contains(sessionId, logs, StringComparison.Ordinal); // the silo's debug log
        Assert.Contains("get_weather", seen.ToString(), StringComparison.Ordinal); // and what clients saw of its tool turn

        var secrets = new Dictionary<string, string>
        {
            ["upstream key"] = SimulatorServer.ApiKey,
            ["server credential"] = HostProcess.ServerCredential,
            ["token signing key"] = cluster.TokenSigningKey,
            ["storage account key"] = AzuriteServer.AccountKey,
        };
        var hits = new List<string>();
        foreach (var (name, secret) in secrets)
        {
            foreach (var form in new[] { secret, Uri.EscapeDataString(secret) }.Distinct())
            {
                Scan(hits, name, form, "log", logs);
                Scan(hits, name, form, "client-visible responses", seen.ToString());
                Scan(hits, name, form, "storage", storage);
            }
        }

        // Client tokens are meant for clients; they still never reach the log.
        Scan(hits, "client token", token, "log", logs);
        Scan(hits, "resume token", resume, "log", logs);
        Assert.True(hits.Count == 0, string.Join("\n", hits));
    }

    private static void Scan(List<string> hits, string name, string secret, string where, string text)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        if (at >= 0)
        {
            var from = Math.Max(0, at - 80);
            hits.Add($"{name} found in the {where}: …{text[from..Math.Min(text.Length, at + secret.Length + 40)].Replace(secret, "<SECRET>", StringComparison.Ordinal)}…");
        }
    }

    private static async Task<HttpResponseMessage> AuthorizedAsync(HostProcess silo, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("api-key", HostProcess.ServerCredential);
        return await silo.Http.SendAsync(request);
    }

    private static async Task RecordAsync(StringBuilder seen, HttpResponseMessage response)
    {
        using (response)
        {
            seen.AppendLine($"{(int)response.StatusCode} {string.Join("; ", response.Headers.Concat(response.Content.Headers).Select(h => h.Key + ": " + string.Join(",", h.Value)))}");
            seen.AppendLine(Encoding.Latin1.GetString(await response.Content.ReadAsByteArrayAsync()));
        }
    }

    /// <summary>Every blob of every container and every entity of every table, as text.</summary>
    private static async Task<string> ReadStorageAsync(string connectionString)
    {
        var text = new StringBuilder();
        var blobs = new BlobServiceClient(connectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = await client.GetBlobClient(blob.Name).DownloadContentAsync();
                text.AppendLine(blob.Name).AppendLine(Encoding.Latin1.GetString(content.Value.Content.ToArray()));
            }
        }

        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                text.AppendLine(string.Join(";", entity.Select(p => $"{p.Key}={p.Value}")));
            }
        }

        return text.ToString();
    }
}

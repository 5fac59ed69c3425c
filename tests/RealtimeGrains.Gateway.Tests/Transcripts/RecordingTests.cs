using System.Net;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using RealtimeGrains.Gateway.Tests.Infrastructure;
using RealtimeGrains.Sessions.Recording;
using RealtimeGrains.Simulator;
using RealtimeGrains.TestKit;
using RealtimeGrains.TestKit.Azurite;

namespace RealtimeGrains.Gateway.Tests.Transcripts;

/// <summary>
/// Per-session recordings (<c>RealtimeSessions:Recording</c>): both directions as PCM16 24 kHz mono WAV in the state
/// store's place (memory, files, Azure blobs on Azurite), fetched with the server credential, removed after the retention.
/// </summary>
public sealed class RecordingTests
{
    /// <summary>One append of the conversation: recordings may differ from what was sent by at most this.</summary>
    private const int OneChunk = 4800;

    private static readonly Dictionary<string, string?> RecordingOn = new() { ["RealtimeSessions:Recording:Enabled"] = "true" };

    [Fact]
    public async Task Recording_OfBothDirections_IsAValidWav_WhoseDurationMatchesTheAudioSentAndReceived()
    {
        await using var server = await GatewayServer.StartAsync(RecordingOn);
        var conversation = await VoiceConversation.RunAsync(server, withToolTurn: false);

        var input = WavFile.Parse(await GetRecordingAsync(server, conversation.SessionId, "input"));
        AssertPcm16Mono24k(input);
        Assert.InRange(input.Data.Length, conversation.InputBytesSent - OneChunk, conversation.InputBytesSent + OneChunk);
        Assert.True(ToneCode.TryDecode(input.Data, 24000, out var said), "the input recording holds the tone code sent");
        Assert.Equal(VoiceConversation.SpokenWords, said);

        var output = WavFile.Parse(await GetRecordingAsync(server, conversation.SessionId, "output"));
        AssertPcm16Mono24k(output);
        Assert.True(conversation.OutputBytesReceived > 0);
        Assert.InRange(output.Data.Length, conversation.OutputBytesReceived - OneChunk, conversation.OutputBytesReceived + OneChunk);
        Assert.True(ToneCode.TryDecode(output.Data, 24000, out var heard), "the output recording holds the model's tone code");
        Assert.Equal("you said: " + VoiceConversation.SpokenWords, heard); // tone code has no capitals

        using (var anonymous = await server.Http.GetAsync($"/v1/sessions/{conversation.SessionId}/recording?direction=input"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var noDirection = await TranscriptEndpointTests.SendAsync(server, $"/v1/sessions/{conversation.SessionId}/recording", GatewayServer.ServerCredential))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noDirection.StatusCode);
        }

        using (var unknown = await TranscriptEndpointTests.SendAsync(server, "/v1/sessions/sess_unknown_0002/recording?direction=output", GatewayServer.ServerCredential))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
    }

    [Fact]
    public async Task Recording_IsOffByDefault()
    {
        await using var server = await GatewayServer.StartAsync();
        var conversation = await VoiceConversation.RunAsync(server, withToolTurn: false);

        using var response = await TranscriptEndpointTests.SendAsync(server, $"/v1/sessions/{conversation.SessionId}/recording?direction=input", GatewayServer.ServerCredential);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Retention_OnFiles_KeepsARecordingUntilItExpires_ThenTheCleanUpRemovesIt()
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "rg-recordings-" + Guid.NewGuid().ToString("N"));
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        try
        {
            await using var server = await GatewayServer.StartAsync(
                new Dictionary<string, string?>(RecordingOn) { ["Host:StateStore"] = "File", ["Host:StateDirectory"] = stateDirectory, ["RealtimeSessions:Recording:Retention"] = "1.00:00:00" },
                time);
            var conversation = await VoiceConversation.RunAsync(server, withToolTurn: false);
            WavFile.Parse(await GetRecordingAsync(server, conversation.SessionId, "output"));
            var files = Directory.GetFiles(Path.Combine(stateDirectory, "recordings"), "*.wav", SearchOption.AllDirectories);
            Assert.Equal(2, files.Length);
            WavFile.Parse(await File.ReadAllBytesAsync(files[0])); // the stored file itself is a valid WAV

            var retention = server.Services.GetRequiredService<RecordingRetention>();

            // One clean-up interval later (well within the retention) the recording stays.
            Assert.Equal(0, await SweptAfterAsync(retention, () => time.Advance(TimeSpan.FromHours(1)), _ => true));
            using (var kept = await TranscriptEndpointTests.SendAsync(server, $"/v1/sessions/{conversation.SessionId}/recording?direction=input", GatewayServer.ServerCredential))
            {
                Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
            }

            // Past the retention, a clean-up deletes both directions.
            Assert.Equal(2, await SweptAfterAsync(retention, () => time.Advance(TimeSpan.FromHours(24)), deleted => deleted > 0));
            foreach (var direction in new[] { "input", "output" })
            {
                using var gone = await TranscriptEndpointTests.SendAsync(server, $"/v1/sessions/{conversation.SessionId}/recording?direction={direction}", GatewayServer.ServerCredential);
                Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            }

            using var transcript = await TranscriptEndpointTests.GetTranscriptAsync(server, conversation.SessionId); // the transcript is not a recording: it stays
        }
        finally
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Recording_OnAzureBlob_IsAWavBlobInTheStateContainer_ReadableFromAFreshHost_WithThePersistedTranscript()
    {
        await using var azurite = await AzuriteServer.StartAsync().WaitAsync(TimeSpan.FromSeconds(90));
        var settings = new Dictionary<string, string?>(RecordingOn)
        {
            ["Host:StateStore"] = "AzureBlob",
            ["Host:AzureStorage:ConnectionString"] = azurite.ConnectionString,
        };
        VoiceConversation conversation;
        byte[] liveInput;
        string liveTranscript;
        await using (var first = await GatewayServer.StartAsync(settings))
        {
            conversation = await VoiceConversation.RunAsync(first);
            liveInput = await GetRecordingAsync(first, conversation.SessionId, "input");
            using var transcript = await TranscriptEndpointTests.GetTranscriptAsync(first, conversation.SessionId);
            Assert.True(transcript.RootElement.GetProperty("live").GetBoolean());
            liveTranscript = transcript.RootElement.GetProperty("items").GetRawText();
        }

        // The first host stopped (its sessions persisted and released): a fresh host reads both from the storage account.
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("grainstate");
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "recordings/" }))
        {
            names.Add(blob.Name);
        }

        Assert.Equal([$"recordings/s_{conversation.SessionId}/input.wav", $"recordings/s_{conversation.SessionId}/output.wav"], names.Order());
        var stored = (await container.GetBlobClient($"recordings/s_{conversation.SessionId}/output.wav").DownloadContentAsync()).Value;
        Assert.Equal("audio/wav", stored.Details.ContentType);
        var output = WavFile.Parse(stored.Content.ToArray());
        Assert.InRange(output.Data.Length, conversation.OutputBytesReceived - OneChunk, conversation.OutputBytesReceived + OneChunk);

        await using var second = await GatewayServer.StartAsync(settings);
        var input = WavFile.Parse(await GetRecordingAsync(second, conversation.SessionId, "input"));
        Assert.Equal(liveInput, await GetRecordingAsync(second, conversation.SessionId, "input"));
        Assert.InRange(input.Data.Length, conversation.InputBytesSent - OneChunk, conversation.InputBytesSent + OneChunk);
        using var persisted = await TranscriptEndpointTests.GetTranscriptAsync(second, conversation.SessionId);
        Assert.False(persisted.RootElement.GetProperty("live").GetBoolean());
        Assert.Equal(liveTranscript, persisted.RootElement.GetProperty("items").GetRawText());
    }

    private static void AssertPcm16Mono24k(WavFile wav)
    {
        Assert.Equal(1, wav.Channels);
        Assert.Equal(24000, wav.SampleRate);
        Assert.Equal(16, wav.BitsPerSample);
    }

    /// <summary>Moves the clock and waits for the first clean-up whose count satisfies <paramref name="until"/>.</summary>
    private static async Task<int> SweptAfterAsync(RecordingRetention retention, Action advance, Func<int, bool> until)
    {
        var swept = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSwept(object? sender, int deleted)
        {
            if (until(deleted))
            {
                swept.TrySetResult(deleted);
            }
        }

        retention.Swept += OnSwept;
        try
        {
            advance();
            return await swept.Task.WaitAsync(GatewayServer.Deadline);
        }
        finally
        {
            retention.Swept -= OnSwept;
        }
    }

    private static async Task<byte[]> GetRecordingAsync(GatewayServer server, string sessionId, string direction)
    {
        using var response = await TranscriptEndpointTests.SendAsync(server, $"/v1/sessions/{sessionId}/recording?direction={direction}", GatewayServer.ServerCredential);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        return bytes;
    }
}

using System.Text;
using Azure.Storage.Blobs;
using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.TestKit;
using RealtimeGrains.TestKit.Azurite;

namespace RealtimeGrains.Sessions.Tests.Grains;

/// <summary>
/// Grain state in Azure Blob storage through Orleans' own provider, against Azurite run as a process: a conversation
/// resumes in a fresh silo with identical items, and a write that lost the ETag race is detected, never overwriting.
/// </summary>
public sealed class BlobStateTests
{
    [Fact]
    public async Task FreshSilo_ResumesFromBlobState_WithIdenticalItems()
    {
        await using var azurite = await AzuriteServer.StartAsync().WaitAsync(TimeSpan.FromSeconds(90));
        await using var simulator = await SimulatorServer.StartAsync();
        var sessionId = "blob-" + Guid.NewGuid().ToString("N");
        IReadOnlyList<string> before;
        await using (var first = await SessionSilo.StartAsync(simulator, blobConnectionString: azurite.ConnectionString))
        {
            var session = first.Session(sessionId);
            var observer = await first.AttachAsync(session);
            await session.SendTextAsync("kept in a blob").Within("send text");
            await session.CreateResponseAsync().Within("create response");
            await observer.WaitForEventAsync("response.done");
            before = Describe((await session.GetConversationAsync().Within("read")).Items);
        }

        // The state is a blob of the camelCase JSON the file store also writes.
        var blobs = azurite.CreateBlobServiceClient().GetBlobContainerClient("grainstate");
        var names = new List<string>();
        await foreach (var blob in blobs.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        var stateBlob = Assert.Single(names, n => n.Contains(sessionId, StringComparison.Ordinal));
        var json = (await blobs.GetBlobClient(stateBlob).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"You said: kept in a blob\"", json, StringComparison.Ordinal);

        await using var second = await SessionSilo.StartAsync(simulator, blobConnectionString: azurite.ConnectionString);
        var resumed = second.Session(sessionId);
        var client = await second.AttachAsync(resumed);
        Assert.Equal(before, Describe(client.Events[0].Items!));
        Assert.Equal(["kept in a blob", "You said: kept in a blob"], before.Select(d => d.Split('|')[4]));
    }

    [Fact]
    public async Task StaleOwnerWrite_IsRefused_TheSessionIsGivenUp_AndTheNewerBlobStays()
    {
        await using var azurite = await AzuriteServer.StartAsync().WaitAsync(TimeSpan.FromSeconds(90));
        await using var simulator = await SimulatorServer.StartAsync();
        var sessionId = "stale-" + Guid.NewGuid().ToString("N");
        await using var silo = await SessionSilo.StartAsync(simulator, o => o.PersistInterval = TimeSpan.Zero, blobConnectionString: azurite.ConnectionString);
        var session = silo.Session(sessionId);
        var observer = await silo.AttachAsync(session);
        await session.SendTextAsync("first").Within("send text");
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient("grainstate");
        var blob = await WaitForBlobContainingAsync(container, sessionId, "\"first\"").Within("the first write lands");

        // Another owner (a newer activation elsewhere) writes the record: the ETag moves on.
        const string Newer = """{"version":1,"items":[],"settings":{},"usage":{},"upstreamGenerations":99}""";
        await blob.UploadAsync(BinaryData.FromString(Newer), overwrite: true);

        // The next write meets the newer record: this activation is stale. It gives the session up (its clients are told
        // to reconnect, which lands them on the new owner) rather than overwrite it.
        await session.SendTextAsync("second").Within("send more text");
        await observer.WaitForStatusAsync("session.moved").Within("the client told the session moved");
        await silo.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var stored = (await blob.DownloadContentAsync()).Value.Content.ToString();
        Assert.Equal(Newer, stored);
    }

    private static async Task<BlobClient> WaitForBlobContainingAsync(BlobContainerClient container, string sessionId, string text)
    {
        while (true)
        {
            if (await container.ExistsAsync())
            {
                await foreach (var item in container.GetBlobsAsync())
                {
                    if (item.Name.Contains(sessionId, StringComparison.Ordinal))
                    {
                        var blob = container.GetBlobClient(item.Name);
                        var content = Encoding.UTF8.GetString((await blob.DownloadContentAsync()).Value.Content);
                        if (content.Contains(text, StringComparison.Ordinal))
                        {
                            return blob;
                        }
                    }
                }
            }

            // Polling storage the grain writes behind: each round trip to Azurite is the wait (no sleep).
            await Task.Yield();
        }
    }

    private static List<string> Describe(IEnumerable<RealtimeGrains.Sessions.Conversation.ConversationItem> items) =>
        [.. items.Select(i => $"{i.Id}|{i.Type}|{i.Role}|{i.Status}|{i.Words}|{i.CallId}|{i.Name}|{i.Arguments}|{i.Output}")];
}

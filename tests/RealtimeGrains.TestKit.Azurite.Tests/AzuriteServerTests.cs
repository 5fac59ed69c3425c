using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure;
using Azure.Storage.Blobs;
using Xunit.Abstractions;

namespace RealtimeGrains.TestKit.Azurite.Tests;

/// <summary>Azurite as a real process: it starts, serves blobs, runs side by side, persists to a folder, and stops.</summary>
public sealed class AzuriteServerTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Starts_and_round_trips_a_blob()
    {
        await using var azurite = await AzuriteServer.StartAsync().WaitAsync(TimeSpan.FromSeconds(90));
        log.WriteLine($"{azurite} started in {azurite.StartupDuration.TotalMilliseconds:0} ms");

        Assert.Contains($"BlobEndpoint=http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1;", azurite.ConnectionString, StringComparison.Ordinal);
        Assert.Contains($"TableEndpoint=http://127.0.0.1:{azurite.TablePort}/devstoreaccount1;", azurite.ConnectionString, StringComparison.Ordinal);
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient("grains");
        await container.CreateAsync().WaitAsync(Step);
        var blob = container.GetBlobClient("state/one.json");
        await blob.UploadAsync(BinaryData.FromString("{\"count\":42}")).WaitAsync(Step);

        var downloaded = await blob.DownloadContentAsync().WaitAsync(Step);
        Assert.Equal("{\"count\":42}", downloaded.Value.Content.ToString());
        Assert.Equal(["state/one.json"], await NamesAsync(container));
    }

    [Fact]
    public async Task Two_servers_run_side_by_side_with_their_own_ports_and_data()
    {
        // Started at the same time, so each must get its own ports from the OS.
        var starts = new[] { AzuriteServer.StartAsync(), AzuriteServer.StartAsync() };
        AzuriteServer[] servers;
        try
        {
            servers = await Task.WhenAll(starts).WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            foreach (var started in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await (await started).DisposeAsync();
            }

            throw;
        }

        await using var first = servers[0];
        await using var second = servers[1];
        Assert.NotEqual(first.ProcessId, second.ProcessId);
        Assert.Empty(new[] { first.BlobPort, first.QueuePort, first.TablePort }.Intersect([second.BlobPort, second.QueuePort, second.TablePort]));

        var inFirst = first.CreateBlobServiceClient().GetBlobContainerClient("only-in-first");
        await inFirst.CreateAsync().WaitAsync(Step);
        await inFirst.GetBlobClient("b").UploadAsync(BinaryData.FromString("1")).WaitAsync(Step);

        Assert.False(await second.CreateBlobServiceClient().GetBlobContainerClient("only-in-first").ExistsAsync().WaitAsync(Step));
        Assert.True(await inFirst.GetBlobClient("b").ExistsAsync().WaitAsync(Step));
    }

    [Fact]
    public async Task Dispose_stops_the_process_and_closes_its_ports()
    {
        var azurite = await AzuriteServer.StartAsync().WaitAsync(TimeSpan.FromSeconds(90));
        Assert.True(await AcceptsAsync(azurite.BlobPort));
        Assert.False(azurite.HasExited);

        var stopwatch = Stopwatch.StartNew();
        await azurite.DisposeAsync().AsTask().WaitAsync(Step);
        log.WriteLine($"stopped in {stopwatch.ElapsedMilliseconds} ms");

        Assert.True(azurite.HasExited);
        Assert.False(IsRunning(azurite.ProcessId));
        Assert.False(await AcceptsAsync(azurite.BlobPort));
        Assert.False(await AcceptsAsync(azurite.QueuePort));
        Assert.False(await AcceptsAsync(azurite.TablePort));
        await azurite.DisposeAsync(); // idempotent
    }

    [Fact]
    public async Task A_location_keeps_the_data_across_a_restart_on_the_same_ports()
    {
        var folder = Directory.CreateTempSubdirectory("azurite-location-test-").FullName;
        try
        {
            AzuriteOptions again;
            string connectionString;
            await using (var azurite = await AzuriteServer.StartAsync(new AzuriteOptions { Location = folder }).WaitAsync(TimeSpan.FromSeconds(90)))
            {
                var container = azurite.CreateBlobServiceClient().GetBlobContainerClient("kept");
                await container.CreateAsync().WaitAsync(Step);
                await container.GetBlobClient("grain").UploadAsync(BinaryData.FromString("v1")).WaitAsync(Step);
                again = azurite.RestartOptions;
                connectionString = azurite.ConnectionString;
            }

            await using var restarted = await AzuriteServer.StartAsync(again).WaitAsync(TimeSpan.FromSeconds(90));
            Assert.Equal(connectionString, restarted.ConnectionString);
            var blob = new BlobServiceClient(connectionString).GetBlobContainerClient("kept").GetBlobClient("grain");
            Assert.Equal("v1", (await blob.DownloadContentAsync().WaitAsync(Step)).Value.Content.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<string>> NamesAsync(Azure.Storage.Blobs.BlobContainerClient container)
    {
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync())
        {
            names.Add(item.Name);
        }

        return names;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), deadline.Token);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

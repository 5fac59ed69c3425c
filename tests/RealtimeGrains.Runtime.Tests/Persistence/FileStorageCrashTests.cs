using System.Diagnostics;
using System.Text.Json;
using RealtimeGrains.Runtime.CrashWriter;
using RealtimeGrains.Runtime.Persistence;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Runtime.Tests.Persistence;

/// <summary>Kills a child process that is writing state through the file storage and checks the state is never torn.</summary>
public sealed class FileStorageCrashTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_root))
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task ChildKilledMidWrites_StateIsWholeOldOrNew_NeverTorn()
    {
        var storage = new FileGrainStorage(_root);
        var grainId = new GrainId("crash", "writer");
        long lastAcknowledged = 0;
        for (var round = 0; round < 4; round++)
        {
            var acknowledged = await RunAndKillAsync(writesBeforeKill: 3 + round);
            Assert.True(acknowledged > lastAcknowledged, "each round continues from the stored state");

            var record = await storage.ReadAsync("state", grainId);
            Assert.NotNull(record);
            var state = JsonSerializer.Deserialize(record.Data, CrashStateJsonContext.Default.CrashState)!;
            Assert.Equal(state.Length, state.Text.Length);
            Assert.True(state.Text.All(c => c == CrashState.LetterOf(state.Sequence)), $"round {round}: text does not match sequence {state.Sequence}");
            // A write the child reported done is durable: the file holds it or a later one (at most the write in flight).
            Assert.InRange(state.Sequence, acknowledged, acknowledged + 1);
            lastAcknowledged = state.Sequence;
        }
    }

    private async Task<long> RunAndKillAsync(int writesBeforeKill)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "RealtimeGrains.Runtime.CrashWriter.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(writer);
        start.ArgumentList.Add(_root);
        using var child = Process.Start(start)!;
        long acknowledged = 0;
        var seen = 0;
        try
        {
            while (seen < writesBeforeKill)
            {
                var line = await child.StandardOutput.ReadLineAsync().Within("a 'wrote N' line from the writer", TimeSpan.FromSeconds(30))
                    ?? throw new InvalidOperationException("writer exited: " + await child.StandardError.ReadToEndAsync());
                acknowledged = long.Parse(line["wrote ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                seen++;
            }
        }
        finally
        {
            // Killed while its next write is under way.
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync().Within("writer exit");
        }

        // Lines written after the last one read may still be in the pipe: they were acknowledged too.
        var rest = await child.StandardOutput.ReadToEndAsync();
        foreach (var line in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("wrote ", StringComparison.Ordinal))
            {
                acknowledged = long.Parse(line["wrote ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return acknowledged;
    }
}

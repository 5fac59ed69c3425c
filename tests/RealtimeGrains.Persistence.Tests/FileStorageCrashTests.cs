using System.Diagnostics;
using System.Globalization;
using Orleans;
using RealtimeGrains.Persistence.CrashWriter;

namespace RealtimeGrains.Persistence.Tests;

/// <summary>Kills a child process that is writing state through the file storage and checks the state is never torn.</summary>
public sealed class FileStorageCrashTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _root = TestStorage.NewRoot("rg-crash");

    public void Dispose() => TestStorage.DeleteRoot(_root);

    [Fact]
    public async Task ChildKilledMidWrites_StateIsWholeOldOrNew_NeverTorn()
    {
        long lastAcknowledged = 0;
        for (var round = 0; round < 4; round++)
        {
            var acknowledged = await RunAndKillAsync(writesBeforeKill: 3 + round);
            Assert.True(acknowledged > lastAcknowledged, "each round continues from the stored state");

            // The same serializer as the writer: System.Text.Json with Orleans' default options.
            using var storage = TestStorage.Create(_root);
            var state = new GrainState<CrashState>();
            await storage.ReadStateAsync(CrashStorage.StateName, CrashStorage.GrainId, state);
            Assert.True(state.RecordExists);
            var read = state.State!;
            Assert.Equal(read.Length, read.Text.Length);
            Assert.True(read.Text.All(c => c == CrashState.LetterOf(read.Sequence)), $"round {round}: text does not match sequence {read.Sequence}");

            // A write the child reported done is durable: the file holds it or a later one (at most the write in flight).
            Assert.InRange(read.Sequence, acknowledged, acknowledged + 1);
            lastAcknowledged = read.Sequence;
        }
    }

    private async Task<long> RunAndKillAsync(int writesBeforeKill)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "RealtimeGrains.Persistence.CrashWriter.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(writer);
        start.ArgumentList.Add(_root);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the crash writer");
        var stderr = child.StandardError.ReadToEndAsync();
        long acknowledged = 0;
        var seen = 0;
        try
        {
            while (seen < writesBeforeKill)
            {
                var line = await child.StandardOutput.ReadLineAsync().WaitAsync(Deadline)
                    ?? throw new InvalidOperationException("writer exited: " + await stderr.WaitAsync(Deadline));
                acknowledged = long.Parse(line["wrote ".Length..], CultureInfo.InvariantCulture);
                seen++;
            }
        }
        finally
        {
            // Killed while its next write is under way.
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync().WaitAsync(Deadline);
        }

        // Lines written after the last one read may still be in the pipe: they were acknowledged too.
        var rest = await child.StandardOutput.ReadToEndAsync().WaitAsync(Deadline);
        foreach (var line in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("wrote ", StringComparison.Ordinal))
            {
                acknowledged = long.Parse(line["wrote ".Length..], CultureInfo.InvariantCulture);
            }
        }

        return acknowledged;
    }
}

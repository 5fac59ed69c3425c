using RealtimeGrains.Fuzz.Cli;
using RealtimeGrains.Fuzz.Corpus;

namespace RealtimeGrains.Fuzz.Tests;

/// <summary>Every input in <c>Corpus/</c> (each found a bug) is replayed against its target with the same checks.</summary>
public sealed class CorpusReplayTests(ITestOutputHelper output)
{
    public static TheoryData<string> Targets => [.. FuzzCommand.Targets.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task CorpusInputs_PassTheirTargetsChecks(string target)
    {
        var entries = CorpusStore.Load(Path.Combine(AppContext.BaseDirectory, "Corpus")).Where(e => e.Entry.Target == target).ToList();
        output.WriteLine($"{entries.Count} corpus entries for {target}: {string.Join(", ", entries.Select(e => e.File))}");
        if (entries.Count == 0)
        {
            return;
        }

        var report = await FuzzCommand.Targets.Single(t => t.Name == target).ReplayAsync([.. entries.Select(e => e.Entry)]);

        output.WriteLine(report.ToString());
        Assert.Equal(entries.Count, target is "parser" or "tokens" ? report.Inputs : entries.Count);
        Assert.False(report.Failed, report.ToString());
    }

    [Fact]
    public void Corpus_HoldsTheFindings_OfTheParserAndTheTokenEndpoints()
    {
        var entries = CorpusStore.Load(Path.Combine(AppContext.BaseDirectory, "Corpus"));

        Assert.Contains(entries, e => e.Entry.Target == "parser");
        Assert.Contains(entries, e => e.Entry.Target == "tokens");
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Entry.Note), e.File + " says nothing of what it found"));
    }
}

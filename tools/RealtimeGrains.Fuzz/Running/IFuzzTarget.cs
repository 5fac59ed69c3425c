using RealtimeGrains.Fuzz.Corpus;

namespace RealtimeGrains.Fuzz.Running;

/// <summary>Something the fuzzer throws generated input at, checking its properties for every input.</summary>
internal interface IFuzzTarget
{
    /// <summary>The name used by <c>--target</c> and in corpus entries.</summary>
    string Name { get; }

    /// <summary>Generates <see cref="FuzzSettings.Inputs"/> inputs from the seed and checks each.</summary>
    Task<FuzzReport> RunAsync(FuzzSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Replays saved inputs (the corpus) with the same checks.</summary>
    Task<FuzzReport> ReplayAsync(IReadOnlyList<CorpusEntry> entries, CancellationToken cancellationToken = default);
}

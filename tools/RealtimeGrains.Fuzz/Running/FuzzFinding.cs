namespace RealtimeGrains.Fuzz.Running;

/// <summary>An input that broke a property: which one (seed and index reproduce it), what went wrong, and the input itself.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Index">The input's index in the run.</param>
/// <param name="Problem">What went wrong.</param>
/// <param name="Input">The input as a corpus entry (replayed by the tests once checked in).</param>
internal sealed record FuzzFinding(string Target, int Seed, long Index, string Problem, Corpus.CorpusEntry Input);

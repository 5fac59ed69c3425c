namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>
/// What the client saw against what the grain persisted: every user item the server acknowledged and every assistant
/// message the client saw finished must be persisted (else it is lost); a completed assistant message's persisted words
/// must be what the client heard (else its transcript is incomplete).
/// </summary>
internal static class TranscriptCheck
{
    public static (int Lost, int Incomplete, List<string> Examples) Compare(IEnumerable<SessionLedger> ledgers, IReadOnlyDictionary<string, List<PersistedItem>> persisted)
    {
        var lost = 0;
        var incomplete = 0;
        var examples = new List<string>();
        foreach (var ledger in ledgers)
        {
            var items = persisted.TryGetValue(ledger.SessionId, out var found) ? found.ToDictionary(i => i.Id, StringComparer.Ordinal) : [];
            foreach (var id in ledger.UserItems.Concat(ledger.AssistantItems.Keys))
            {
                if (!items.ContainsKey(id))
                {
                    lost++;
                    Note(examples, $"{ledger.SessionId}: item {id} seen by the client is not persisted");
                }
            }

            foreach (var (id, status) in ledger.AssistantItems)
            {
                if (status == "completed" && items.TryGetValue(id, out var item)
                    && ledger.HeardTranscripts.TryGetValue(id, out var heard) && !string.Equals(heard, item.Words, StringComparison.Ordinal))
                {
                    incomplete++;
                    Note(examples, $"{ledger.SessionId}: item {id} heard \"{heard}\", persisted \"{item.Words}\"");
                }
            }
        }

        return (lost, incomplete, examples);
    }

    private static void Note(List<string> examples, string example)
    {
        if (examples.Count < 5)
        {
            examples.Add(example);
        }
    }
}

using RealtimeGrains.Chaos.Benchmarks;

namespace RealtimeGrains.Chaos.Tests;

/// <summary>The end-of-run comparison finds what it is there to find.</summary>
public sealed class TranscriptCheckTests
{
    [Fact]
    public void ItemSeenButNotPersisted_IsLost_WordsThatDiffer_AreIncomplete()
    {
        var ledger = new SessionLedger("sess_a");
        ledger.UserItems.Add("u1");
        ledger.UserItems.Add("u2");
        ledger.AssistantItems["a1"] = "completed";
        ledger.HeardTranscripts["a1"] = "You said: turn 1";
        ledger.AssistantItems["a2"] = "incomplete";
        ledger.HeardTranscripts["a2"] = "You sa";
        var persisted = new Dictionary<string, List<PersistedItem>>
        {
            ["sess_a"] = [new("u1", "user", "completed", "turn 1"), new("a1", "assistant", "completed", "You said: turn"), new("a2", "assistant", "incomplete", "You")],
        };

        var (lost, incomplete, examples) = TranscriptCheck.Compare([ledger], persisted);

        Assert.Equal(1, lost);
        Assert.Equal(1, incomplete);
        Assert.Contains(examples, e => e.Contains("u2", StringComparison.Ordinal));
    }

    [Fact]
    public void EverythingPersisted_NothingLost()
    {
        var ledger = new SessionLedger("sess_b");
        ledger.UserItems.Add("u1");
        ledger.AssistantItems["a1"] = "completed";
        ledger.HeardTranscripts["a1"] = "You said: hi";
        var persisted = new Dictionary<string, List<PersistedItem>> { ["sess_b"] = [new("u1", "user", "completed", "hi"), new("a1", "assistant", "completed", "You said: hi")] };

        Assert.Equal((0, 0), TranscriptCheck.Compare([ledger], persisted) is var (l, i, _) ? (l, i) : default);
    }

    [Fact]
    public void PersistedConversations_ReadsTheSlotWithTheHigherSequence()
    {
        var root = Directory.CreateTempSubdirectory("rg-chaos-test-").FullName;
        try
        {
            var folder = Path.Combine(root, "realtime-session", "realtimesession");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "sess_c.state"), "rgstate2 4 e4 0 0\n{\"version\":1,\"items\":[{\"id\":\"old\"}]}");
            File.WriteAllText(Path.Combine(folder, "sess_c.1.state"), "rgstate2 5 e5 0 0\n{\"version\":1,\"items\":[{\"id\":\"u1\",\"role\":\"user\",\"text\":\"hi\"},{\"id\":\"a1\",\"transcript\":\"You said: hi\"}]}");

            var read = PersistedConversations.Read(root, ["sess_c", "sess_missing"]);

            Assert.Equal(["u1", "a1"], read["sess_c"].Select(i => i.Id));
            Assert.Equal("You said: hi", read["sess_c"][1].Words);
            Assert.False(read.ContainsKey("sess_missing"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

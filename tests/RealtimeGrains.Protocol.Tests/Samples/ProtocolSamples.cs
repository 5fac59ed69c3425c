using System.Text;
using System.Text.Json.Nodes;

namespace RealtimeGrains.Protocol.Tests.Samples;

/// <summary>Realistic frames from the protocol reference and the seeds, one JSON event per line, per dialect and direction.</summary>
public static class ProtocolSamples
{
    public static IReadOnlyList<string> Lines(string file) =>
        System.IO.File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Samples", file)).Where(static l => l.Length > 0).ToArray();

    public static string File(ProtocolDialect dialect, bool client) =>
        $"{(dialect == ProtocolDialect.Beta ? "beta" : "ga")}-{(client ? "client" : "server")}.jsonl";

    /// <summary>(dialect, client?, line index, type) for every sample.</summary>
    public static TheoryData<ProtocolDialect, bool, int, string> All()
    {
        var data = new TheoryData<ProtocolDialect, bool, int, string>();
        foreach (var dialect in new[] { ProtocolDialect.Beta, ProtocolDialect.GA })
        {
            foreach (var client in new[] { true, false })
            {
                var lines = Lines(File(dialect, client));
                for (var i = 0; i < lines.Count; i++)
                {
                    data.Add(dialect, client, i, TypeOf(lines[i]));
                }
            }
        }

        return data;
    }

    public static string Get(ProtocolDialect dialect, bool client, int index) => Lines(File(dialect, client))[index];

    public static string Find(ProtocolDialect dialect, bool client, string type) =>
        Lines(File(dialect, client)).First(l => TypeOf(l) == type);

    public static string TypeOf(string json) => JsonNode.Parse(json)!["type"]!.GetValue<string>();

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}

using System.Globalization;
using BenchmarkDotNet.Reports;

namespace RealtimeGrains.Protocol.Benchmarks;

/// <summary>Prints MB/s of audio and allocated bytes per event, and each event path as a share of raw base64 throughput.</summary>
internal static class AudioThroughputReport
{
    public static void Print(IEnumerable<Summary> summaries)
    {
        var rows = summaries
            .SelectMany(static s => s.Reports)
            .Where(static r => r.ResultStatistics is not null)
            .Select(static r => (
                Name: r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                MeanNs: r.ResultStatistics!.Mean,
                Allocated: r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? -1))
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        double Mbps(double meanNs) => AudioEventBenchmarks.ChunkBytes / meanNs * 1e9 / 1e6;
        double? RawOf(string name) => rows.Where(r => r.Name == name).Select(r => (double?)Mbps(r.MeanNs)).FirstOrDefault();
        var rawDecode = RawOf("raw Convert.FromBase64String");
        var rawEncode = RawOf("raw Convert.ToBase64String");

        Console.WriteLine();
        Console.WriteLine($"Audio throughput, {AudioEventBenchmarks.ChunkBytes}-byte (100 ms PCM16) chunk; MB = 10^6 bytes of decoded audio");
        Console.WriteLine("| operation | mean (µs) | MB/s of audio | allocated B/op | vs raw base64 |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var raw = row.Name.StartsWith("parse", StringComparison.Ordinal) ? rawDecode
                : row.Name.StartsWith("write", StringComparison.Ordinal) ? rawEncode
                : null;
            var ratio = raw is { } r && !row.Name.Contains("general", StringComparison.Ordinal) ? $"{Mbps(row.MeanNs) / r * 100:F0}%" : "–";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.MeanNs / 1000:F2} | {Mbps(row.MeanNs):F0} | {row.Allocated} | {ratio} |"));
        }
    }
}

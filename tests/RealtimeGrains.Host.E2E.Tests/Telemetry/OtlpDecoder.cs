using System.Globalization;

namespace RealtimeGrains.Host.E2E.Tests.Telemetry;

/// <summary>Reads OTLP/HTTP protobuf export requests (opentelemetry-proto trace/v1 and metrics/v1 field numbers).</summary>
internal static class OtlpDecoder
{
    /// <summary><c>ExportTraceServiceRequest</c> → spans with their resource and scope.</summary>
    public static List<OtlpSpan> Spans(ReadOnlyMemory<byte> request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Messages(request, 1))
        {
            var resource = ResourceOf(resourceSpans);
            foreach (var scopeSpans in Messages(resourceSpans, 2))
            {
                var scope = ScopeName(scopeSpans);
                foreach (var span in Messages(scopeSpans, 2))
                {
                    var fields = ProtoReader.Fields(span);
                    var status = fields.Where(f => f.Number == 15).Select(f => ProtoReader.Fields(f.Bytes)).FirstOrDefault() ?? [];
                    spans.Add(new OtlpSpan(
                        Name: Text(fields, 5),
                        TraceId: fields.FirstOrDefault(f => f.Number == 1).Hex,
                        SpanId: fields.FirstOrDefault(f => f.Number == 2).Hex,
                        ParentSpanId: fields.FirstOrDefault(f => f.Number == 4).Hex,
                        Scope: scope,
                        Attributes: Attributes(fields, 9),
                        StatusCode: (int)status.FirstOrDefault(f => f.Number == 3).Value,
                        Links: fields.Count(f => f.Number == 13),
                        Resource: resource));
                }
            }
        }

        return spans;
    }

    /// <summary><c>ExportMetricsServiceRequest</c> → one entry per metric with its points (sums, gauges, histograms).</summary>
    public static List<OtlpMetric> Metrics(ReadOnlyMemory<byte> request)
    {
        var metrics = new List<OtlpMetric>();
        foreach (var resourceMetrics in Messages(request, 1))
        {
            var resource = ResourceOf(resourceMetrics);
            foreach (var scopeMetrics in Messages(resourceMetrics, 2))
            {
                var scope = ScopeName(scopeMetrics);
                foreach (var metric in Messages(scopeMetrics, 2))
                {
                    var fields = ProtoReader.Fields(metric);
                    var points = new List<OtlpPoint>();
                    var kind = "other";
                    foreach (var data in fields)
                    {
                        switch (data.Number)
                        {
                            case 5 or 7: // gauge, sum: NumberDataPoint (attributes 7, as_double 4, as_int 6)
                                kind = data.Number == 5 ? "gauge" : "sum";
                                foreach (var point in Messages(data.Bytes, 1))
                                {
                                    var p = ProtoReader.Fields(point);
                                    var value = p.FirstOrDefault(f => f.Number == 4) is { Number: 4 } d ? d.Double : (double)(long)p.FirstOrDefault(f => f.Number == 6).Value;
                                    points.Add(new OtlpPoint(Attributes(p, 7), value, 0));
                                }

                                break;
                            case 9: // histogram: HistogramDataPoint (attributes 9, count 4, sum 5)
                                kind = "histogram";
                                foreach (var point in Messages(data.Bytes, 1))
                                {
                                    var p = ProtoReader.Fields(point);
                                    points.Add(new OtlpPoint(Attributes(p, 9), p.FirstOrDefault(f => f.Number == 5).Double, p.FirstOrDefault(f => f.Number == 4).Value));
                                }

                                break;
                        }
                    }

                    metrics.Add(new OtlpMetric(Text(fields, 1), Text(fields, 3), scope, kind, points, resource));
                }
            }
        }

        return metrics;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int number) =>
        ProtoReader.Fields(message).Where(f => f.Number == number && f.WireType == ProtoReader.LengthDelimited).Select(f => f.Bytes);

    private static string Text(List<ProtoField> fields, int number) => fields.FirstOrDefault(f => f.Number == number && f.WireType == ProtoReader.LengthDelimited).Text ?? "";

    private static Dictionary<string, string> ResourceOf(ReadOnlyMemory<byte> container) =>
        Messages(container, 1).Select(r => Attributes(ProtoReader.Fields(r), 1)).FirstOrDefault() ?? [];

    private static string ScopeName(ReadOnlyMemory<byte> container) =>
        Messages(container, 1).Select(s => Text(ProtoReader.Fields(s), 1)).FirstOrDefault() ?? "";

    /// <summary>KeyValue attributes (key 1, AnyValue 2) as text: string 1, bool 2, int 3, double 4; other kinds as "?".</summary>
    private static Dictionary<string, string> Attributes(List<ProtoField> fields, int number)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in fields.Where(f => f.Number == number && f.WireType == ProtoReader.LengthDelimited))
        {
            var kv = ProtoReader.Fields(keyValue.Bytes);
            var key = Text(kv, 1);
            var any = kv.Where(f => f.Number == 2).Select(f => ProtoReader.Fields(f.Bytes)).FirstOrDefault() ?? [];
            var value = any.FirstOrDefault() is { Number: > 0 } v
                ? v.Number switch
                {
                    1 => v.Text,
                    2 => v.Value != 0 ? "true" : "false",
                    3 => ((long)v.Value).ToString(CultureInfo.InvariantCulture),
                    4 => v.Double.ToString(CultureInfo.InvariantCulture),
                    _ => "?",
                }
                : "";
            attributes[key] = value;
        }

        return attributes;
    }
}

/// <summary>A received span: ids as hex (an empty parent for a root), attributes as text, status code (2 = error).</summary>
internal sealed record OtlpSpan(
    string Name, string TraceId, string SpanId, string ParentSpanId, string Scope, IReadOnlyDictionary<string, string> Attributes, int StatusCode, int Links,
    IReadOnlyDictionary<string, string> Resource)
{
    public string? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;
}

/// <summary>A received metric: name, unit, meter (scope), kind and its points.</summary>
internal sealed record OtlpMetric(string Name, string Unit, string Scope, string Kind, IReadOnlyList<OtlpPoint> Points, IReadOnlyDictionary<string, string> Resource);

/// <summary>A point: a sum's or gauge's value, or a histogram's sum with its count.</summary>
internal sealed record OtlpPoint(IReadOnlyDictionary<string, string> Attributes, double Value, ulong Count);

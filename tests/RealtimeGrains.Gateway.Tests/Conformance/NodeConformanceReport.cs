using System.Text.Json;

namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>
/// What a conformance script printed: one JSON line per check (<c>{"check","status":"pass"|"fail"|"skip",…}</c>) and a
/// final <c>{"ok":true,"checks":{…}}</c>.
/// </summary>
public sealed class NodeConformanceReport
{
    private readonly Dictionary<string, JsonElement> _checks;

    private NodeConformanceReport(Dictionary<string, JsonElement> checks, JsonElement final, string output)
    {
        _checks = checks;
        Final = final;
        Output = output;
    }

    /// <summary>The last line (<c>ok</c>, client, url, every check's status).</summary>
    public JsonElement Final { get; }

    /// <summary>Everything the script printed, for failure messages.</summary>
    public string Output { get; }

    public IReadOnlyCollection<string> CheckNames => _checks.Keys;

    public static NodeConformanceReport Parse(string script, int exitCode, string stdout, string stderr)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            throw new InvalidOperationException($"node {script} printed nothing (exit {exitCode}): {stderr}");
        }

        var checks = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var line in lines[..^1])
        {
            var element = JsonDocument.Parse(line).RootElement.Clone();
            if (element.TryGetProperty("check", out var name))
            {
                checks[name.GetString()!] = element;
            }
        }

        var final = JsonDocument.Parse(lines[^1]).RootElement.Clone();
        if (!final.TryGetProperty("ok", out var ok) || !ok.GetBoolean())
        {
            throw new InvalidOperationException($"node {script} did not finish its checks (exit {exitCode}): {lines[^1]}\n{stdout}\n{stderr}");
        }

        return new NodeConformanceReport(checks, final, stdout);
    }

    /// <summary>The check's <c>actual</c> object; fails the test with expected, actual and the wire events unless it passed.</summary>
    public JsonElement Passed(string check)
    {
        var line = Line(check);
        var status = line.GetProperty("status").GetString();
        if (status != "pass")
        {
            Assert.Fail($"conformance check '{check}' {status}: {line.GetRawText()}");
        }

        return line.GetProperty("actual");
    }

    /// <summary>The reason a check was skipped by the script (the client cannot express it); fails unless it was.</summary>
    public string Skipped(string check)
    {
        var line = Line(check);
        Assert.Equal("skip", line.GetProperty("status").GetString());
        return line.GetProperty("reason").GetString()!;
    }

    private JsonElement Line(string check) =>
        _checks.TryGetValue(check, out var line) ? line : throw new InvalidOperationException($"the script reported no check '{check}':\n{Output}");
}

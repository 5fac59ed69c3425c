using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RealtimeGrains.Fuzz.Corpus;
using RealtimeGrains.Fuzz.Generation;
using RealtimeGrains.Fuzz.Hosting;
using RealtimeGrains.Fuzz.Running;

namespace RealtimeGrains.Fuzz.Targets;

/// <summary>
/// The token endpoints (<c>POST /v1/realtime/sessions</c>, <c>POST /openai/realtimeapi/sessions</c>, and paths next to
/// them): generated methods, paths, credentials, content types and bodies. Properties: never a 5xx; never a token
/// without exactly the server credential; a refusal of a token endpoint's POST is a 4xx with an OpenAI-shaped JSON error
/// (<c>{"error":{"code","message"}}</c>); no error-level log line, no unobserved exception.
/// </summary>
internal sealed class TokenEndpointTarget : IFuzzTarget
{
    public const string TargetName = "tokens";
    private const int Parallel = 4;

    public string Name => TargetName;

    public async Task<FuzzReport> RunAsync(FuzzSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var report = new FuzzReport(Name, settings.Seed);
        await using var gateway = await FuzzGateway.StartAsync(cancellationToken).ConfigureAwait(false);
        var progress = settings.Throttled(TimeSpan.FromSeconds(5));
        long next = -1;
        var workers = Enumerable.Range(0, Parallel).Select(async _ =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= settings.Inputs)
                {
                    return;
                }

                await CheckAsync(gateway, Sampler.Draw(TokenGen.Requests, settings.Seed, index), index, report, cancellationToken).ConfigureAwait(false);
                progress(report);
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
        gateway.Collect(report);
        report.Stop();
        return report;
    }

    public async Task<FuzzReport> ReplayAsync(IReadOnlyList<CorpusEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var report = new FuzzReport(Name, 0);
        await using var gateway = await FuzzGateway.StartAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < entries.Count; i++)
        {
            await CheckAsync(gateway, entries[i], i, report, cancellationToken).ConfigureAwait(false);
        }

        gateway.Collect(report);
        report.Stop();
        return report;
    }

    private static async Task CheckAsync(FuzzGateway gateway, CorpusEntry input, long index, FuzzReport report, CancellationToken cancellationToken)
    {
        report.CountInput();
        var spec = input.Request!;
        using var request = new HttpRequestMessage(new HttpMethod(spec.Method), spec.Path);
        foreach (var (name, value) in spec.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, TokenRequest.Resolve(value, FuzzGateway.ServerCredential));
        }

        var body = Convert.FromBase64String(spec.Body);
        if (spec.Method is not ("GET" or "HEAD") || body.Length > 0)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = spec.ContentType is null ? null : MediaTypeHeaderValue.Parse(spec.ContentType);
        }

        try
        {
            using var response = await gateway.Http.SendAsync(request, cancellationToken).WaitAsync(FuzzGateway.Deadline, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var right = spec.HasRightCredential(FuzzGateway.ServerCredential);
            var tokenEndpoint = spec.Method == "POST" && TokenGen.TokenPaths.Contains(spec.Path.Split('?')[0], StringComparer.Ordinal);
            if (status >= 500)
            {
                report.Find(index, $"{status} {FuzzReport.Shorten(text, 300)}", input);
            }
            else if (response.IsSuccessStatusCode)
            {
                if (!right)
                {
                    report.Find(index, $"a {status} without the server credential: {FuzzReport.Shorten(text, 300)}", input);
                }
                else if (tokenEndpoint && !text.Contains("\"client_secret\"", StringComparison.Ordinal))
                {
                    report.Find(index, $"a {status} without a client secret: {FuzzReport.Shorten(text, 300)}", input, crash: false);
                }
                else
                {
                    report.Accept();
                }
            }
            else if (text.Contains("client_secret", StringComparison.Ordinal))
            {
                report.Find(index, $"a {status} carrying a client secret", input);
            }
            else if (tokenEndpoint && ErrorCode(text) is not { } code)
            {
                report.Find(index, $"a {status} without a JSON error body: {FuzzReport.Shorten(text, 300)}", input, crash: false);
            }
            else
            {
                report.Refuse($"{status} {(tokenEndpoint ? ErrorCode(text) : "(no body: not a token endpoint)")}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException)
        {
            report.Find(index, $"{ex.GetType().Name}: {ex.Message}", input);
        }
    }

    private static string? ErrorCode(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String && message.GetString()!.Length > 0
                ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

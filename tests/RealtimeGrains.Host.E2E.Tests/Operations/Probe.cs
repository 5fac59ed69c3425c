using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace RealtimeGrains.Host.E2E.Tests.Operations;

/// <summary>Polls a probe endpoint (there is no event to await) every 100 ms until it answers as expected, with a deadline.</summary>
internal static class Probe
{
    public static async Task<(HttpStatusCode Status, JsonElement Body, TimeSpan Took)> UntilAsync(HttpClient http, string path, HttpStatusCode expected, TimeSpan deadline, string what)
    {
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < deadline)
        {
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative), probe.Token);
                var text = await response.Content.ReadAsStringAsync(probe.Token);
                last = $"{(int)response.StatusCode} {text}";
                if (response.StatusCode == expected)
                {
                    using var json = JsonDocument.Parse(text);
                    return (response.StatusCode, json.RootElement.Clone(), clock.Elapsed);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                last = ex.GetType().Name + ": " + ex.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{what}: {path} did not answer {(int)expected} within {deadline.TotalSeconds:0} s; last answer: {last}");
    }

    /// <summary>The status of check <paramref name="name"/> in a health body.</summary>
    public static string CheckStatus(JsonElement body, string name) => body.GetProperty("checks").GetProperty(name).GetProperty("status").GetString()!;

    public static string CheckDescription(JsonElement body, string name) => body.GetProperty("checks").GetProperty(name).GetProperty("description").GetString()!;
}

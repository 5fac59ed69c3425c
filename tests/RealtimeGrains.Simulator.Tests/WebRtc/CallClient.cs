using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RealtimeGrains.Simulator.Tests.Infrastructure;

namespace RealtimeGrains.Simulator.Tests.WebRtc;

/// <summary>The HTTP side of a call as a product or browser does it: mint a key, post the offer, hang up.</summary>
public static class CallClient
{
    public static async Task<string> MintGaKeyAsync(SimulatorServer server, JsonObject? session = null)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/openai/v1/realtime/client_secrets")
        {
            Content = JsonContent.Create(new JsonObject { ["session"] = session ?? new JsonObject { ["type"] = "realtime", ["model"] = SimulatorServer.Model } }),
        };
        request.Headers.Add("api-key", SimulatorServer.ApiKey);
        using var response = await http.SendAsync(request).WaitAsync(RawRealtimeClient.Deadline);
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["value"]!;
    }

    public static async Task<string> MintPreviewKeyAsync(SimulatorServer server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/openai/realtimeapi/sessions?api-version=2025-04-01-preview")
        {
            Content = JsonContent.Create(new JsonObject { ["model"] = SimulatorServer.Model, ["voice"] = "verse" }),
        };
        request.Headers.Add("api-key", SimulatorServer.ApiKey);
        using var response = await http.SendAsync(request).WaitAsync(RawRealtimeClient.Deadline);
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["client_secret"]!["value"]!;
    }

    /// <summary>Posts a raw SDP offer with <c>Authorization: Bearer</c> (null: no credential).</summary>
    public static Task<CallResponse> PostSdpAsync(SimulatorServer server, string path, string sdp, string? bearer)
    {
        var content = new StringContent(sdp);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        return SendAsync(server, path, content, bearer is null ? null : ("Authorization", "Bearer " + bearer));
    }

    /// <summary>Posts <c>multipart/form-data</c> with <c>sdp</c> and an optional <c>session</c> part, with the API key.</summary>
    public static Task<CallResponse> PostMultipartAsync(SimulatorServer server, string path, string? sdp, string? session)
    {
        var content = new MultipartFormDataContent();
        if (sdp is not null)
        {
            content.Add(new StringContent(sdp), "sdp");
        }

        if (session is not null)
        {
            content.Add(new StringContent(session), "session");
        }

        return SendAsync(server, path, content, ("api-key", SimulatorServer.ApiKey));
    }

    public static async Task<HttpStatusCode> HangupAsync(SimulatorServer server, string callId)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/realtime/calls/{callId}/hangup");
        request.Headers.Add("api-key", SimulatorServer.ApiKey);
        using var response = await http.SendAsync(request).WaitAsync(RawRealtimeClient.Deadline);
        return response.StatusCode;
    }

    private static async Task<CallResponse> SendAsync(SimulatorServer server, string path, HttpContent content, (string Name, string Value)? header)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }

        using var response = await http.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));
        var body = await response.Content.ReadAsStringAsync();
        return new CallResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.Location?.OriginalString, body);
    }
}

/// <summary>The answer to a call request.</summary>
public sealed record CallResponse(HttpStatusCode Status, string? ContentType, string? Location, string Body)
{
    /// <summary>The call id from <c>Location: /v1/realtime/calls/{id}</c>.</summary>
    public string CallId => Location!["/v1/realtime/calls/".Length..];

    /// <summary>The JSON error body of a refusal.</summary>
    public JsonObject Error => JsonNode.Parse(Body)!["error"]!.AsObject();
}

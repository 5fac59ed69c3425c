using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using RealtimeGrains.Gateway.Tests.Infrastructure;
using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Gateway.Tests.Transcripts;

/// <summary><c>GET /v1/sessions/{id}/transcript</c>: the finished conversation with its tool call, the credential, unknown ids.</summary>
public sealed class TranscriptEndpointTests
{
    [Fact]
    public async Task Transcript_OfAFinishedConversation_HasTheTurnsInOrder_TheServerToolCallWithItsOutput_AndUsage()
    {
        await using var server = await GatewayServer.StartAsync();
        var conversation = await VoiceConversation.RunAsync(server);

        using var transcript = await GetTranscriptAsync(server, conversation.SessionId);
        var root = transcript.RootElement;
        Assert.Equal(conversation.SessionId, root.GetProperty("session_id").GetString());
        Assert.True(root.GetProperty("live").GetBoolean());
        Assert.Equal(0, root.GetProperty("upstream_replacements").GetInt32());
        var created = root.GetProperty("created_at").GetDateTimeOffset();

        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            ["user:message", "assistant:function_call", "tool:function_call_output", "assistant:message", "user:message", "assistant:message"],
            items.Select(i => $"{i.GetProperty("speaker").GetString()}:{i.GetProperty("type").GetString()}"));

        Assert.Equal("Please call get_weather for Paris", items[0].GetProperty("text").GetString());
        var call = items[1].GetProperty("function_call");
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal("server", call.GetProperty("executor").GetString());
        Assert.Contains("Paris", call.GetProperty("arguments").GetString(), StringComparison.OrdinalIgnoreCase);
        var callId = call.GetProperty("call_id").GetString();
        Assert.False(string.IsNullOrEmpty(callId));
        Assert.Equal(callId, items[2].GetProperty("call_id").GetString());
        Assert.Equal(items[2].GetProperty("output").GetString(), call.GetProperty("output").GetString());
        Assert.Equal(items[2].GetProperty("id").GetString(), call.GetProperty("output_item_id").GetString());
        Assert.Contains("Paris", items[2].GetProperty("output").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(call.GetProperty("duration_ms").GetDouble() >= 0);

        var spokenReplies = conversation.Events.Where(e => e.GetProperty("type").GetString() == "response.output_audio_transcript.done").Select(e => e.GetProperty("transcript").GetString()).ToList();
        Assert.Equal(spokenReplies, [items[3].GetProperty("transcript").GetString(), items[5].GetProperty("transcript").GetString()]);
        Assert.True(items[3].GetProperty("has_audio").GetBoolean());
        Assert.True(items[3].GetProperty("audio_ms").GetInt32() > 0);
        Assert.True(items[4].GetProperty("has_audio").GetBoolean());
        Assert.Equal(VoiceConversation.SpokenWords, items[4].GetProperty("transcript").GetString());

        var previous = created;
        foreach (var item in items)
        {
            var itemCreated = item.GetProperty("created_at").GetDateTimeOffset();
            var completed = item.GetProperty("completed_at").GetDateTimeOffset();
            Assert.True(itemCreated >= previous, $"item {item.GetProperty("id")} created {itemCreated:O} before the one before it ({previous:O})");
            Assert.True(completed >= itemCreated);
            Assert.Equal("completed", item.GetProperty("status").GetString());
            previous = itemCreated;
        }

        var responses = root.GetProperty("responses").EnumerateArray().Where(r => !r.GetProperty("out_of_band").GetBoolean()).ToList();
        Assert.Equal(3, responses.Count); // the call, the reply after it, the spoken turn's reply
        Assert.Contains(items[1].GetProperty("id").GetString(), responses[0].GetProperty("output_item_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.All(responses, r => Assert.True(r.GetProperty("total_tokens").GetInt64() > 0));
        var usage = root.GetProperty("usage");
        var all = root.GetProperty("responses").EnumerateArray().ToList();
        Assert.Equal(all.Count, usage.GetProperty("responses").GetInt32());
        Assert.Equal(all.Sum(r => r.GetProperty("total_tokens").GetInt64()), usage.GetProperty("total_tokens").GetInt64());
        Assert.Equal(all.Sum(r => r.GetProperty("input_tokens").GetInt64()), usage.GetProperty("input_tokens").GetInt64());
    }

    [Fact]
    public async Task Transcript_WithoutOrWithAWrongCredential_Is401_UnknownSessionIs404_AndCreatesNoState()
    {
        await using var server = await GatewayServer.StartAsync();
        var conversation = await VoiceConversation.RunAsync(server, withToolTurn: false);

        using (var anonymous = await server.Http.GetAsync($"/v1/sessions/{conversation.SessionId}/transcript"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.DoesNotContain(VoiceConversation.SpokenWords, await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var wrong = await SendAsync(server, $"/v1/sessions/{conversation.SessionId}/transcript", "not-the-server-credential-at-all"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var bearer = new HttpRequestMessage(HttpMethod.Get, $"/v1/sessions/{conversation.SessionId}/transcript"))
        {
            bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayServer.ServerCredential);
            using var response = await server.Http.SendAsync(bearer);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        const string Unknown = "sess_never_seen_0001";
        using (var unknown = await SendAsync(server, $"/v1/sessions/{Unknown}/transcript", GatewayServer.ServerCredential))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            using var error = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync());
            Assert.Equal("session_not_found", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        }

        using (var invalid = await SendAsync(server, "/v1/sessions/not%20valid!/transcript", GatewayServer.ServerCredential))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        // Reading an unknown session left nothing behind: no state was written for it.
        var storage = server.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var state = new GrainState<ConversationState>(new ConversationState());
        await storage.ReadStateAsync("realtime-session", GrainId.Create("RealtimeGrains.Sessions.IRealtimeSessionGrain", Unknown), state);
        Assert.False(state.RecordExists);
        var known = new GrainState<ConversationState>(new ConversationState());
        await storage.ReadStateAsync("realtime-session", GrainId.Create("RealtimeGrains.Sessions.IRealtimeSessionGrain", conversation.SessionId), known);
        Assert.True(known.RecordExists);
    }

    internal static async Task<JsonDocument> GetTranscriptAsync(GatewayServer server, string sessionId)
    {
        using var response = await SendAsync(server, $"/v1/sessions/{sessionId}/transcript", GatewayServer.ServerCredential);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }

    internal static async Task<HttpResponseMessage> SendAsync(GatewayServer server, string path, string credential)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("api-key", credential);
        return await server.Http.SendAsync(request).WaitAsync(GatewayServer.Deadline);
    }
}

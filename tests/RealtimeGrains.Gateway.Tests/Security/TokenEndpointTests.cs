using System.Net;
using System.Text;
using System.Text.Json;
using RealtimeGrains.Gateway.Tests.Infrastructure;

namespace RealtimeGrains.Gateway.Tests.Security;

public sealed class TokenEndpointTests
{
    private static async Task<HttpResponseMessage> PostAsync(GatewayServer server, string path, string body, Action<HttpRequestMessage>? auth)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        auth?.Invoke(request);
        return await server.Http.SendAsync(request).WaitAsync(GatewayServer.Deadline);
    }

    [Theory]
    [InlineData("/v1/realtime/sessions")]
    [InlineData("/openai/realtimeapi/sessions?api-version=2025-04-01-preview")]
    public async Task Mint_WithServerCredential_ReturnsShortLivedClientSecretBoundToSession(string path)
    {
        await using var server = await GatewayServer.StartAsync();
        using var response = await PostAsync(server, path, """{"model":"gpt-realtime","voice":"verse","instructions":"Be brief."}""",
            r => r.Headers.Add("api-key", GatewayServer.ServerCredential));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.StartsWith("sess_", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("verse", root.GetProperty("voice").GetString());
        Assert.StartsWith("rgt_", root.GetProperty("client_secret").GetProperty("value").GetString(), StringComparison.Ordinal);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("client_secret").GetProperty("expires_at").GetInt64());
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
        Assert.DoesNotContain(GatewayServer.ServerCredential, text, StringComparison.Ordinal);
        Assert.DoesNotContain(server.UpstreamKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mint_WithBearerServerCredential_Succeeds()
    {
        await using var server = await GatewayServer.StartAsync();
        using var response = await PostAsync(server, "/v1/realtime/sessions", "{}", r => r.Headers.Add("Authorization", "Bearer " + GatewayServer.ServerCredential));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Mint_WithoutOrWithWrongCredential_Returns401()
    {
        await using var server = await GatewayServer.StartAsync();
        using var none = await PostAsync(server, "/v1/realtime/sessions", "{}", null);
        using var wrong = await PostAsync(server, "/v1/realtime/sessions", "{}", r => r.Headers.Add("api-key", GatewayServer.ServerCredential + "x"));
        var (clientToken, _) = await server.MintAsync();
        using var clientTokenInstead = await PostAsync(server, "/v1/realtime/sessions", "{}", r => r.Headers.Add("api-key", clientToken));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, clientTokenInstead.StatusCode);
    }

    [Theory]
    [InlineData("""{"max_response_output_tokens":"lots"}""", "max_response_output_tokens")]
    [InlineData("""{"session_id":"../../etc/passwd"}""", "session_id")]
    public async Task Mint_InvalidRequest_Returns400NamingTheParameter(string body, string param)
    {
        await using var server = await GatewayServer.StartAsync();
        using var response = await PostAsync(server, "/v1/realtime/sessions", body, r => r.Headers.Add("api-key", GatewayServer.ServerCredential));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(param, json.RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Mint_NotJson_Returns400()
    {
        await using var server = await GatewayServer.StartAsync();
        using var response = await PostAsync(server, "/v1/realtime/sessions", "{not json", r => r.Headers.Add("api-key", GatewayServer.ServerCredential));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

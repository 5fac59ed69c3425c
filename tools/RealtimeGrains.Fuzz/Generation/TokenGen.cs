using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RealtimeGrains.Fuzz.Corpus;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Fuzz.Generation;

/// <summary>Requests to the token endpoints: any method, path variant, credential header (right, wrong, odd), content type and body.</summary>
internal static class TokenGen
{
    public static readonly string[] TokenPaths = ["/v1/realtime/sessions", "/openai/realtimeapi/sessions"];

    /// <summary>Valid token request bodies: the beta session objects of the protocol's samples, a voice session, a session id.</summary>
    private static readonly string[] BodySeeds =
    [
        """{"modalities":["audio","text"],"input_audio_transcription":{"model":"whisper-1"},"turn_detection":{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,"silence_duration_ms":500}}""",
        """{"session_id":"sess_fuzz0123456789"}""",
        """{"modalities":["text"],"instructions":"Be brief.","voice":"alloy","tools":[{"type":"function","name":"f","parameters":{"type":"object"}}]}""",
        .. Seeds.ClientEvents(ProtocolDialect.Beta).Where(s => s.Contains("\"session.update\"", StringComparison.Ordinal))
            .Select(s => System.Text.Json.Nodes.JsonNode.Parse(s)!["session"]!.ToJsonString()),
    ];

    private static readonly Gen<string> Printable =
        from length in Gen.Frequency((6, Gen.Choose(0, 40)), (1, Gen.Choose(41, 6_000)))
        from c in Gen.Choose(33, 126)
        select new string((char)c, length);

    private static readonly Gen<IReadOnlyList<KeyValuePair<string, string>>> Credentials = Gen.Frequency(
        (3, Gen.Constant<IReadOnlyList<KeyValuePair<string, string>>>([new("api-key", TokenRequest.CredentialPlaceholder)])),
        (2, Gen.Constant<IReadOnlyList<KeyValuePair<string, string>>>([new("Authorization", "Bearer " + TokenRequest.CredentialPlaceholder)])),
        (1, Gen.Constant<IReadOnlyList<KeyValuePair<string, string>>>([])),
        (1, Gen.Elements<IReadOnlyList<KeyValuePair<string, string>>>(
            [new("api-key", TokenRequest.CredentialPlaceholder + "x")], [new("api-key", "x" + TokenRequest.CredentialPlaceholder)],
            [new("api-key", TokenRequest.CredentialPlaceholder[..^1])], [new("Authorization", "Bearer")], [new("Authorization", "Bearer ")],
            [new("Authorization", "Basic " + TokenRequest.CredentialPlaceholder)], [new("Authorization", "bearer  " + TokenRequest.CredentialPlaceholder)],
            [new("api-key", TokenRequest.CredentialPlaceholder), new("api-key", "second")], [new("api-key", ""), new("Authorization", "Bearer " + TokenRequest.CredentialPlaceholder)],
            [new("API-KEY", TokenRequest.CredentialPlaceholder.ToUpperInvariant())], [new("Sec-WebSocket-Protocol", "openai-insecure-api-key." + TokenRequest.CredentialPlaceholder)])),
        (1, Printable.Select(p => (IReadOnlyList<KeyValuePair<string, string>>)[new("api-key", p)])),
        (1, Printable.Select(p => (IReadOnlyList<KeyValuePair<string, string>>)[new("Authorization", "Bearer " + p)])));

    private static readonly Gen<byte[]> Body = Gen.Frequency(
        (8, JsonGen.Mutated(BodySeeds)),
        (2, Gen.Elements(BodySeeds).Select(s => Encoding.UTF8.GetBytes(s))),
        (1, Gen.Elements("", "{}", "null", "[]", "\"x\"", "{\"session_id\":null}", "{\"session_id\":\"" + new string('s', 300) + "\"}", "{\"session_id\":\"../../etc\"}").Select(s => Encoding.UTF8.GetBytes(s))),
        (1, Bytes.Random),
        (1, Gen.Choose(60_000, 80_000).Select(n => Encoding.UTF8.GetBytes("{\"instructions\":\"" + new string('i', n) + "\"}"))));

    public static Gen<CorpusEntry> Requests { get; } =
        from method in Gen.Frequency((12, Gen.Constant("POST")), (1, Gen.Elements("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")))
        from path in Gen.Frequency((10, Gen.Elements(TokenPaths)), (1, Gen.Elements("/v1/realtime/client_secrets", "/openai/v1/realtime/client_secrets",
            "/v1/realtime/sessions/", "/v1/realtime/sessions?api-version=2025-04-01-preview", "/V1/REALTIME/SESSIONS", "/openai/realtimeapi/sessions/x")))
        from headers in Credentials
        from contentType in Gen.Frequency((6, Gen.Constant<string?>("application/json")), (1, Gen.Elements<string?>(null, "application/json; charset=utf-16",
            "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream", "a/b")))
        from body in Body
        select new CorpusEntry { Target = "tokens", Request = new TokenRequest(method, path, headers, contentType, Convert.ToBase64String(body)) };
}

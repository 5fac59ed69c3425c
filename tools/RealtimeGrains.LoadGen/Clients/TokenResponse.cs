using System.Text.Json.Serialization;

namespace RealtimeGrains.LoadGen;

/// <summary>The part of the gateway's <c>POST /v1/realtime/sessions</c> answer a session needs.</summary>
internal sealed record TokenResponse([property: JsonPropertyName("id")] string? Id, [property: JsonPropertyName("client_secret")] ClientSecret? ClientSecret);

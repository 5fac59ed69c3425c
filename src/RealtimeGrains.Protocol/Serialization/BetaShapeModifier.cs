using System.Text.Json.Serialization.Metadata;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>
/// Beta wire shape: flat session; <c>max_response_output_tokens</c> in session and <c>response.create</c>
/// (which also reads the alias <c>max_output_tokens</c>); no <c>session.type</c>; audio modalities include text.
/// </summary>
internal static class BetaShapeModifier
{
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type == typeof(SessionConfig))
        {
            typeInfo.Property("max_output_tokens").Name = "max_response_output_tokens";
            typeInfo.Property("type").ShouldSerialize = static (_, _) => false;
            typeInfo.Property("modalities").MapGet<List<string>>(ModifierExtensions.BetaModalities);
        }
        else if (typeInfo.Type == typeof(ResponseOptions))
        {
            typeInfo.Property("max_output_tokens").Name = "max_response_output_tokens";
            var alias = typeInfo.CreateProperty(typeof(TokenLimit?), "max_output_tokens");
            alias.Get = static _ => null;
            alias.Set = static (target, value) => ((ResponseOptions)target).MaxOutputTokens ??= (TokenLimit?)value;
            alias.ShouldSerialize = static (_, _) => false;
            typeInfo.Properties.Add(alias);
            typeInfo.Property("modalities").MapGet<List<string>>(ModifierExtensions.BetaModalities);
        }
        else if (typeInfo.Type == typeof(RealtimeResponse))
        {
            typeInfo.Property("modalities").MapGet<List<string>>(ModifierExtensions.BetaModalities);
        }
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>
/// The serializer options per dialect: the source-generated context plus contract modifiers (explicit nulls,
/// the event <c>type</c>, and the beta/GA shapes) and the dialect's converters. <see cref="Model"/> is the
/// dialect-free form used for deep copies.
/// </summary>
internal static class ProtocolJson
{
    public static readonly JsonSerializerOptions Model = Create(null);
    public static readonly JsonSerializerOptions Beta = Create(ProtocolDialect.Beta);
    public static readonly JsonSerializerOptions Ga = Create(ProtocolDialect.GA);

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static JsonSerializerOptions For(ProtocolDialect dialect) => dialect == ProtocolDialect.Beta ? Beta : Ga;

    public static T Clone<T>(T value)
        where T : class
    {
        var typeInfo = (JsonTypeInfo<T>)Model.GetTypeInfo(typeof(T));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        return JsonSerializer.Deserialize(bytes, typeInfo)!;
    }

    private static JsonSerializerOptions Create(ProtocolDialect? dialect)
    {
        var resolver = ProtocolJsonContext.Default
            .WithAddedModifier(ExplicitNullModifier.Apply)
            .WithAddedModifier(ContentPartTypeModifier.ForDialect(dialect))
            .WithAddedModifier(EventTypeModifier.ForDialect(dialect));
        if (dialect == ProtocolDialect.Beta)
        {
            resolver = resolver.WithAddedModifier(BetaShapeModifier.Apply);
        }
        else if (dialect == ProtocolDialect.GA)
        {
            resolver = resolver.WithAddedModifier(GaShapeModifier.Apply);
        }

        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            MaxDepth = 64,
        };
        options.Converters.Add(new AudioFormatJsonConverter(dialect ?? ProtocolDialect.GA));
        options.Converters.Add(new ToolChoiceJsonConverter(dialect ?? ProtocolDialect.GA));
        options.MakeReadOnly();
        return options;
    }
}

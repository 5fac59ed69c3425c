using System.Text.Json;
using System.Text.Json.Serialization;
using RealtimeGrains.Invocation;

namespace RealtimeGrains.Runtime.Messaging;

/// <summary>Writes grain and observer references as their grain id text and reads them back as proxies.</summary>
internal sealed class GrainReferenceJsonConverterFactory(GrainRuntime runtime) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeof(IAddressable).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), runtime)!;

    private sealed class Converter<T>(GrainRuntime runtime) : JsonConverter<T>
        where T : class, IAddressable
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return text is null ? null : (T)(object)runtime.CreateReference(typeToConvert, GrainId.Parse(text));
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is not GrainReference reference)
            {
                throw new JsonException(
                    $"A {value.GetType().Name} cannot travel in a grain call; pass a reference from IGrainFactory.CreateObjectReference or GetGrain instead.");
            }

            writer.WriteStringValue(reference.GrainId.ToString());
        }
    }
}

using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using RealtimeGrains.Tools;

namespace RealtimeGrains.Sessions.Tools;

/// <summary>Registers tool grains the session grain offers to the model.</summary>
public static class RealtimeToolServiceCollectionExtensions
{
    private static readonly JsonSerializerOptions s_schemaOptions = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>
    /// Registers the tool grain interface <typeparamref name="TTool"/> under <paramref name="name"/>, with the
    /// argument schema generated from the record <typeparamref name="TParameters"/> (System.Text.Json web
    /// naming: camelCase), once at start-up.
    /// </summary>
    /// <typeparam name="TTool">The tool's grain interface (derives from <see cref="IToolGrain"/>).</typeparam>
    /// <typeparam name="TParameters">The arguments record; its properties become the schema's properties.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="name">The function name the model calls (letters, digits, <c>_</c>, <c>-</c>).</param>
    /// <param name="description">What the tool does, for the model.</param>
    /// <param name="configure">Key strategy, timeout, filler.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRealtimeTool<TTool, TParameters>(this IServiceCollection services, string name, string description, Action<RealtimeToolOptions>? configure = null)
        where TTool : IToolGrain
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(s_schemaOptions, typeof(TParameters), new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = AddDescription,
        });
        return services.AddRealtimeTool<TTool>(name, description, ToElement(schema), configure);
    }

    /// <summary>Registers the tool grain interface <typeparamref name="TTool"/> with an explicit JSON schema.</summary>
    /// <typeparam name="TTool">The tool's grain interface (derives from <see cref="IToolGrain"/>).</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="name">The function name the model calls.</param>
    /// <param name="description">What the tool does, for the model.</param>
    /// <param name="parametersSchema">The JSON schema of the arguments (an object schema).</param>
    /// <param name="configure">Key strategy, timeout, filler.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRealtimeTool<TTool>(this IServiceCollection services, string name, string description, JsonElement parametersSchema, Action<RealtimeToolOptions>? configure = null)
        where TTool : IToolGrain
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        var options = new RealtimeToolOptions();
        configure?.Invoke(options);
        services.AddSingleton(new RealtimeToolDefinition(
            name,
            description,
            parametersSchema.Clone(),
            options,
            static (factory, key, call, cancellationToken) => factory.GetGrain<TTool>(key).InvokeAsync(call, cancellationToken)));
        return services;
    }

    /// <summary>Copies <see cref="DescriptionAttribute"/> texts (of properties and types) into the schema, where the model reads them.</summary>
    private static JsonNode AddDescription(JsonSchemaExporterContext context, JsonNode schema)
    {
        var provider = context.PropertyInfo?.AttributeProvider ?? (context.PropertyInfo is null ? context.TypeInfo.Type : null);
        if (provider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: true).FirstOrDefault() is DescriptionAttribute description
            && schema is JsonObject node && !node.ContainsKey("description"))
        {
            node.Insert(0, "description", description.Description);
        }

        return schema;
    }

    private static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>Small helpers for the shape modifiers.</summary>
internal static class ModifierExtensions
{
    public static JsonPropertyInfo Property(this JsonTypeInfo typeInfo, string name) =>
        typeInfo.Properties.Single(p => p.Name == name);

    /// <summary>Adds a synthetic property; its type is always one of the source-generated context's types.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Property types come from the source-generated ProtocolJsonContext.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Property types come from the source-generated ProtocolJsonContext.")]
    public static JsonPropertyInfo CreateProperty(this JsonTypeInfo typeInfo, Type propertyType, string name) =>
        typeInfo.CreateJsonPropertyInfo(propertyType, name);

    public static void Remove(this JsonTypeInfo typeInfo, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            typeInfo.Properties.Remove(typeInfo.Property(name));
        }
    }

    public static void MapGet<T>(this JsonPropertyInfo property, Func<T?, T?> map)
        where T : class
    {
        var get = property.Get!;
        property.Get = target => map((T?)get(target));
    }

    /// <summary>Beta: an audio-only list gains "text" (beta always pairs audio with text).</summary>
    public static List<string>? BetaModalities(List<string>? modalities) =>
        modalities is not null && modalities.Contains("audio") && !modalities.Contains("text") ? ["audio", "text"] : modalities;

    /// <summary>GA: audio implies its transcript, so any list with audio is <c>["audio"]</c>.</summary>
    public static List<string>? GaModalities(List<string>? modalities) =>
        modalities is not null && modalities.Contains("audio") && modalities.Count != 1 ? ["audio"] : modalities;

    public static void CopyNull(ProtocolObject from, string fromName, ProtocolObject to, string toName)
    {
        if (from.IsExplicitNull(fromName))
        {
            to.SetExplicitNull(toName);
        }
    }
}

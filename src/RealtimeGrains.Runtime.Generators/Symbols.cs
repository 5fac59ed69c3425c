using System.Linq;
using Microsoft.CodeAnalysis;

namespace RealtimeGrains.Runtime.Generators;

/// <summary>Symbol tests and names shared by the emitters.</summary>
internal static class Symbols
{
    private static readonly SymbolDisplayFormat s_fullName = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Name(ITypeSymbol type) => type.ToDisplayString(s_fullName);

    public static bool IsMarker(INamedTypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() == "RealtimeGrains" &&
        type.Name is "IAddressable" or "IGrain" or "IGrainWithStringKey" or "IGrainWithGuidKey" or "IGrainObserver";

    public static bool IsAddressable(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(static i => i.Name == "IAddressable" && i.ContainingNamespace?.ToDisplayString() == "RealtimeGrains");

    public static bool IsGrainInterface(INamedTypeSymbol type) => type.TypeKind == TypeKind.Interface && IsAddressable(type);

    public static bool DerivesFromGrain(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == "Grain" && current.ContainingNamespace?.ToDisplayString() == "RealtimeGrains")
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsAccessible(INamedTypeSymbol type)
    {
        for (ISymbol? current = type; current is INamedTypeSymbol named; current = named.ContainingType)
        {
            if (named.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    public static bool HasAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.Name == name && a.AttributeClass.ContainingNamespace?.ToDisplayString() == "RealtimeGrains");

    public static string SafeName(INamedTypeSymbol type)
    {
        var text = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);
        var chars = text.Select(static c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        return new string(chars);
    }
}

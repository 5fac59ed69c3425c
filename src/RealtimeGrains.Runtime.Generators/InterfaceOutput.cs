using System;

namespace RealtimeGrains.Runtime.Generators;

/// <summary>The generated source for one interface and its registration line (equatable, for incremental caching).</summary>
internal sealed class InterfaceOutput(string hintName, string source, string registration) : IEquatable<InterfaceOutput>
{
    public string HintName { get; } = hintName;

    public string Source { get; } = source;

    public string Registration { get; } = registration;

    public bool Equals(InterfaceOutput? other) =>
        other is not null && HintName == other.HintName && Source == other.Source && Registration == other.Registration;

    public override bool Equals(object? obj) => Equals(obj as InterfaceOutput);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Source);
}

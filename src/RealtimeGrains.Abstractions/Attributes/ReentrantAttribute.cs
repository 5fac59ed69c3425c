namespace RealtimeGrains;

/// <summary>
/// On a grain class: requests may interleave at await points (still one turn at a time, never in
/// parallel). Without it a request starts only after the previous one has completed.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;

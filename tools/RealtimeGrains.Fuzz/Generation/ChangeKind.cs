namespace RealtimeGrains.Fuzz.Generation;

/// <summary>What one structural mutation does to a seed event.</summary>
internal enum ChangeKind
{
    /// <summary>A value becomes another (mostly of the wrong type, sometimes not JSON).</summary>
    Replace,

    /// <summary>A field or array element disappears.</summary>
    Remove,

    /// <summary>An unknown field appears.</summary>
    AddUnknown,

    /// <summary>The event's <c>type</c> becomes another event's (or garbage).</summary>
    SwapType,

    /// <summary>A field appears twice.</summary>
    Duplicate,
}

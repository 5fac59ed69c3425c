namespace RealtimeGrains.Invocation;

/// <summary>Call options of a grain method, from its attributes.</summary>
[Flags]
public enum InvokeOptions
{
    /// <summary>A plain request.</summary>
    None = 0,

    /// <summary>The caller does not wait (<see cref="OneWayAttribute"/>).</summary>
    OneWay = 1,

    /// <summary>May interleave with any running request (<see cref="AlwaysInterleaveAttribute"/>).</summary>
    AlwaysInterleave = 2,
}

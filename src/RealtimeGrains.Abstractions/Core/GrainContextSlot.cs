namespace RealtimeGrains;

/// <summary>The context of the activation whose grain is being constructed on this thread (set by the runtime).</summary>
internal static class GrainContextSlot
{
    [ThreadStatic]
    private static IGrainContext? s_activating;

    internal static IGrainContext? Activating
    {
        get => s_activating;
        set => s_activating = value;
    }
}

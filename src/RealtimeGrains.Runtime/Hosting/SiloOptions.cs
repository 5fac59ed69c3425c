using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RealtimeGrains.Runtime.Hosting;

/// <summary>Options of the grain runtime (configuration section <c>RealtimeGrains</c>).</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "RealtimeGrains";

    /// <summary>The default call timeout; a method can override it with <see cref="ResponseTimeoutAttribute"/>. Default 30 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often call timeouts are checked. Default 1 s.</summary>
    public TimeSpan ResponseTimeoutCheckPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an activation may sit idle before it is collected. Default 15 min.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 min.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long OnDeactivateAsync may run before its token is cancelled. Default 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long shutdown waits for every activation to deactivate. Default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Test mode: every call's arguments and result go through System.Text.Json (and the loopback
    /// transport) before dispatch, proving they can cross silos. Off by default (local calls are not serialized).
    /// </summary>
    public bool SerializeAllCalls { get; set; }

    /// <summary>
    /// JSON options for grain state and call serialization. Add the application's source-generated
    /// contexts to <see cref="JsonSerializerOptions.TypeInfoResolverChain"/>; reflection is the fallback.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };
}

namespace RealtimeGrains.Protocol;

/// <summary>
/// Content part <c>type</c> values as held in the model. Assistant parts use the GA names: the beta
/// <c>text</c>/<c>audio</c> are read as <see cref="OutputText"/>/<see cref="OutputAudio"/> and written back
/// as <c>text</c>/<c>audio</c> to a beta peer.
/// </summary>
public static class ContentPartTypes
{
    /// <summary>User/system text.</summary>
    public const string InputText = "input_text";

    /// <summary>User audio (base64 in the input format) and optional transcript.</summary>
    public const string InputAudio = "input_audio";

    /// <summary>User image (GA).</summary>
    public const string InputImage = "input_image";

    /// <summary>Reference to an item (response input only).</summary>
    public const string ItemReference = "item_reference";

    /// <summary>Assistant text (beta wire name <c>text</c>).</summary>
    public const string OutputText = "output_text";

    /// <summary>Assistant audio and transcript (beta wire name <c>audio</c>).</summary>
    public const string OutputAudio = "output_audio";

    /// <summary>Beta wire name of <see cref="OutputText"/>.</summary>
    public const string BetaText = "text";

    /// <summary>Beta wire name of <see cref="OutputAudio"/>.</summary>
    public const string BetaAudio = "audio";

    /// <summary>Maps a wire content type of either dialect to the model's name.</summary>
    /// <param name="wireType">The <c>type</c> as received.</param>
    public static string? ToModel(string? wireType) => wireType switch
    {
        BetaText => OutputText,
        BetaAudio => OutputAudio,
        _ => wireType,
    };

    /// <summary>Maps the model's content type to the wire name of a dialect.</summary>
    /// <param name="modelType">The model type.</param>
    /// <param name="dialect">Target dialect.</param>
    public static string? ToWire(string? modelType, ProtocolDialect dialect) => dialect switch
    {
        ProtocolDialect.Beta when modelType == OutputText => BetaText,
        ProtocolDialect.Beta when modelType == OutputAudio => BetaAudio,
        _ => modelType,
    };
}

namespace RealtimeGrains.Protocol;

/// <summary>Input noise reduction (<c>input_audio_noise_reduction</c>; GA: <c>audio.input.noise_reduction</c>).</summary>
public sealed class NoiseReduction : ProtocolObject
{
    /// <summary><c>near_field</c> or <c>far_field</c>.</summary>
    public string? Type { get; set; }
}

using System.Text.Json;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>Unknown GA fields found under <c>audio</c>, <c>audio.input</c> and <c>audio.output</c>, kept for the writer.</summary>
internal sealed record GaAudioExtras(
    Dictionary<string, JsonElement>? Audio,
    Dictionary<string, JsonElement>? Input,
    Dictionary<string, JsonElement>? Output)
{
    public static GaAudioExtras? Create(Dictionary<string, JsonElement>? audio, Dictionary<string, JsonElement>? input, Dictionary<string, JsonElement>? output) =>
        audio is null or { Count: 0 } && input is null or { Count: 0 } && output is null or { Count: 0 } ? null : new GaAudioExtras(audio, input, output);

    public static GaAudioExtras? Merge(GaAudioExtras? current, GaAudioExtras? incoming) =>
        incoming is null ? current
        : current is null ? incoming
        : new GaAudioExtras(
            SessionConfig.Merge(current.Audio, incoming.Audio),
            SessionConfig.Merge(current.Input, incoming.Input),
            SessionConfig.Merge(current.Output, incoming.Output));
}

using System.Text.Json.Serialization.Metadata;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>
/// GA wire shape: <c>output_modalities</c>; the session's audio settings nested under
/// <c>audio.input.{format,transcription,noise_reduction,turn_detection}</c> and <c>audio.output.{format,voice,speed}</c>;
/// a response's under <c>audio.output.{format,voice}</c>; no <c>temperature</c> or <c>client_secret</c> (from a GA peer they are unknown fields).
/// </summary>
internal static class GaShapeModifier
{
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type == typeof(SessionConfig))
        {
            RenameModalities(typeInfo);
            typeInfo.Remove(
                SessionFields.InputAudioFormat,
                SessionFields.OutputAudioFormat,
                SessionFields.InputAudioTranscription,
                SessionFields.InputAudioNoiseReduction,
                SessionFields.TurnDetection,
                SessionFields.Voice,
                SessionFields.Speed,
                SessionFields.Temperature,
                SessionFields.ClientSecret);
            AddAudio<GaSessionAudio>(typeInfo, static o => ToView((SessionConfig)o), static (o, v) => FromView((SessionConfig)o, v));
        }
        else if (typeInfo.Type == typeof(ResponseOptions))
        {
            RenameModalities(typeInfo);
            typeInfo.Remove("voice", "output_audio_format", "temperature");
            AddAudio<GaResponseAudio>(
                typeInfo,
                static o => ToView(((ResponseOptions)o).OutputAudioFormat, ((ResponseOptions)o).Voice, ((ResponseOptions)o).GaAudioExtras),
                static (o, v) =>
                {
                    var r = (ResponseOptions)o;
                    r.OutputAudioFormat = v?.Output?.Format;
                    r.Voice = v?.Output?.Voice;
                    r.GaAudioExtras = GaAudioExtras.Create(v?.ExtensionData, null, v?.Output?.ExtensionData);
                });
        }
        else if (typeInfo.Type == typeof(RealtimeResponse))
        {
            RenameModalities(typeInfo);
            typeInfo.Remove("voice", "output_audio_format", "temperature");
            AddAudio<GaResponseAudio>(
                typeInfo,
                static o => ToView(((RealtimeResponse)o).OutputAudioFormat, ((RealtimeResponse)o).Voice, ((RealtimeResponse)o).GaAudioExtras),
                static (o, v) =>
                {
                    var r = (RealtimeResponse)o;
                    r.OutputAudioFormat = v?.Output?.Format;
                    r.Voice = v?.Output?.Voice;
                    r.GaAudioExtras = GaAudioExtras.Create(v?.ExtensionData, null, v?.Output?.ExtensionData);
                });
        }
    }

    private static void RenameModalities(JsonTypeInfo typeInfo)
    {
        var property = typeInfo.Property("modalities");
        property.Name = "output_modalities";
        property.MapGet<List<string>>(ModifierExtensions.GaModalities);
    }

    private static void AddAudio<TView>(JsonTypeInfo typeInfo, Func<object, TView?> get, Action<object, TView?> set)
        where TView : class
    {
        var property = typeInfo.CreateProperty(typeof(TView), "audio");
        property.Get = target => get(target);
        property.Set = (target, value) => set(target, (TView?)value);
        property.ShouldSerialize = static (_, value) => value is not null;
        typeInfo.Properties.Add(property);
    }

    private static GaResponseAudio? ToView(AudioFormat? format, string? voice, GaAudioExtras? extras)
    {
        if (format is null && voice is null && extras is null)
        {
            return null;
        }

        return new GaResponseAudio
        {
            ExtensionData = extras?.Audio,
            Output = new GaSessionAudioOutput { Format = format, Voice = voice, ExtensionData = extras?.Output },
        };
    }

    private static GaSessionAudio? ToView(SessionConfig s)
    {
        var input = new GaSessionAudioInput
        {
            Format = s.InputAudioFormat,
            Transcription = s.InputAudioTranscription,
            NoiseReduction = s.InputAudioNoiseReduction,
            TurnDetection = s.TurnDetection,
            ExtensionData = s.GaAudioExtras?.Input,
        };
        ModifierExtensions.CopyNull(s, SessionFields.InputAudioFormat, input, "format");
        ModifierExtensions.CopyNull(s, SessionFields.InputAudioTranscription, input, "transcription");
        ModifierExtensions.CopyNull(s, SessionFields.InputAudioNoiseReduction, input, "noise_reduction");
        ModifierExtensions.CopyNull(s, SessionFields.TurnDetection, input, "turn_detection");

        var output = new GaSessionAudioOutput
        {
            Format = s.OutputAudioFormat,
            Voice = s.Voice,
            Speed = s.Speed,
            ExtensionData = s.GaAudioExtras?.Output,
        };
        ModifierExtensions.CopyNull(s, SessionFields.OutputAudioFormat, output, "format");
        ModifierExtensions.CopyNull(s, SessionFields.Voice, output, "voice");
        ModifierExtensions.CopyNull(s, SessionFields.Speed, output, "speed");

        var hasInput = input.Format is not null || input.Transcription is not null || input.NoiseReduction is not null
            || input.TurnDetection is not null || input.ExplicitNulls.Count > 0 || input.ExtensionData is { Count: > 0 };
        var hasOutput = output.Format is not null || output.Voice is not null || output.Speed is not null
            || output.ExplicitNulls.Count > 0 || output.ExtensionData is { Count: > 0 };
        if (!hasInput && !hasOutput && s.GaAudioExtras?.Audio is null or { Count: 0 })
        {
            return null;
        }

        return new GaSessionAudio
        {
            Input = hasInput ? input : null,
            Output = hasOutput ? output : null,
            ExtensionData = s.GaAudioExtras?.Audio,
        };
    }

    private static void FromView(SessionConfig s, GaSessionAudio? view)
    {
        var input = view?.Input;
        var output = view?.Output;
        s.InputAudioFormat = input?.Format;
        s.InputAudioTranscription = input?.Transcription;
        s.InputAudioNoiseReduction = input?.NoiseReduction;
        s.TurnDetection = input?.TurnDetection;
        s.OutputAudioFormat = output?.Format;
        s.Voice = output?.Voice;
        s.Speed = output?.Speed;
        if (input is not null)
        {
            ModifierExtensions.CopyNull(input, "format", s, SessionFields.InputAudioFormat);
            ModifierExtensions.CopyNull(input, "transcription", s, SessionFields.InputAudioTranscription);
            ModifierExtensions.CopyNull(input, "noise_reduction", s, SessionFields.InputAudioNoiseReduction);
            ModifierExtensions.CopyNull(input, "turn_detection", s, SessionFields.TurnDetection);
        }

        if (output is not null)
        {
            ModifierExtensions.CopyNull(output, "format", s, SessionFields.OutputAudioFormat);
            ModifierExtensions.CopyNull(output, "voice", s, SessionFields.Voice);
            ModifierExtensions.CopyNull(output, "speed", s, SessionFields.Speed);
        }

        s.GaAudioExtras = GaAudioExtras.Create(view?.ExtensionData, input?.ExtensionData, output?.ExtensionData);
    }
}

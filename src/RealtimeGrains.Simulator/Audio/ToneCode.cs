namespace RealtimeGrains.Simulator;

/// <summary>
/// A reversible, deterministic encoding of text as PCM16 audio, so that "voice in → transcript" is testable
/// without a speech recogniser. Each character is a short sine tone at a frequency from a fixed table, framed
/// by start and end marker tones and separated by short gaps. Decoding looks only at which table frequency
/// dominates each frame, so it survives resampling (24 kHz ↔ 48 kHz ↔ 44.1 kHz) and gain changes.
/// </summary>
public static class ToneCode
{
    /// <summary>The characters the code can carry; others encode as <c>?</c>. Input is lower-cased.</summary>
    public const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 .,?!'-:";

    /// <summary>Sample rate of <see cref="Encode(string)"/> output.</summary>
    public const int SampleRate = 24_000;

    /// <summary>Milliseconds of tone per character.</summary>
    public const int ToneMs = 60;

    /// <summary>Milliseconds of silence after each character.</summary>
    public const int GapMs = 30;

    /// <summary>Peak amplitude of the tones, as a fraction of full scale.</summary>
    public const double Amplitude = 0.3;

    private const double BaseHz = 400;
    private const double StepHz = 75;
    private const int StartSymbol = 0;
    private const int EndSymbol = 1;
    private const int FirstCharSymbol = 2;
    private const int SymbolCount = FirstCharSymbol + 44;
    private const int FrameMs = 20;
    private const int HopMs = 10;
    private const int MinFramesPerSymbol = 3;

    /// <summary>Milliseconds of audio one character occupies (tone plus gap).</summary>
    public const int SymbolMs = ToneMs + GapMs;

    /// <summary>Encodes <paramref name="text"/> as PCM16 mono at 24 kHz: start marker, one tone per character, end marker.</summary>
    /// <param name="text">The text to carry.</param>
    /// <returns>Little-endian PCM16 bytes.</returns>
    public static byte[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Synthesize([.. ToSymbols(text)]);
    }

    /// <summary>Length in milliseconds of <see cref="Encode(string)"/> output for a text of <paramref name="length"/> characters.</summary>
    /// <param name="length">Number of characters.</param>
    /// <returns>Milliseconds of audio.</returns>
    public static int DurationMs(int length) => (length + 2) * SymbolMs;

    /// <summary>Offset in milliseconds at which character <paramref name="index"/> starts in <see cref="Encode(string)"/> output.</summary>
    /// <param name="index">Zero-based character index.</param>
    /// <returns>Milliseconds from the start of the audio.</returns>
    public static int CharacterStartMs(int index) => (index + 1) * SymbolMs;

    /// <summary>Tries to decode tone-coded text from PCM16 mono audio at any sample rate.</summary>
    /// <param name="pcm16">Little-endian PCM16 samples.</param>
    /// <param name="sampleRate">Sample rate of <paramref name="pcm16"/>.</param>
    /// <param name="text">The decoded text when a start and an end marker were found.</param>
    /// <returns>Whether the audio carried a complete tone-coded message.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> pcm16, int sampleRate, out string text)
    {
        text = string.Empty;
        var sampleCount = pcm16.Length / 2;
        var frame = sampleRate * FrameMs / 1000;
        var hop = sampleRate * HopMs / 1000;
        if (sampleCount < frame || frame == 0)
        {
            return false;
        }

        var coefficients = new double[SymbolCount];
        for (var s = 0; s < SymbolCount; s++)
        {
            coefficients[s] = 2 * Math.Cos(2 * Math.PI * FrequencyOf(s) / sampleRate);
        }

        var frameCount = ((sampleCount - frame) / hop) + 1;
        var dominant = new int[frameCount];
        var energies = new double[frameCount];
        var peakEnergy = 0.0;
        var samples = new double[frame];
        for (var f = 0; f < frameCount; f++)
        {
            var energy = 0.0;
            for (var i = 0; i < frame; i++)
            {
                var offset = ((f * hop) + i) * 2;
                var value = (short)(pcm16[offset] | (pcm16[offset + 1] << 8)) / 32768.0;
                samples[i] = value;
                energy += value * value;
            }

            energies[f] = energy;
            peakEnergy = Math.Max(peakEnergy, energy);
            dominant[f] = DominantSymbol(samples, coefficients, energy);
        }

        // Frames far below the loudest frame are gaps, whatever the overall gain.
        var silenceLimit = peakEnergy * 0.02;
        var runs = new List<int>();
        var current = -1;
        var length = 0;
        for (var f = 0; f <= frameCount; f++)
        {
            var symbol = f < frameCount && energies[f] > silenceLimit ? dominant[f] : -1;
            if (symbol == current)
            {
                length++;
                continue;
            }

            if (current >= 0 && length >= MinFramesPerSymbol)
            {
                runs.Add(current);
            }

            current = symbol;
            length = 1;
        }

        var start = runs.IndexOf(StartSymbol);
        if (start < 0)
        {
            return false;
        }

        var end = runs.IndexOf(EndSymbol, start + 1);
        if (end < 0)
        {
            return false;
        }

        var builder = new System.Text.StringBuilder(end - start);
        for (var i = start + 1; i < end; i++)
        {
            if (runs[i] < FirstCharSymbol)
            {
                return false;
            }

            builder.Append(Alphabet[runs[i] - FirstCharSymbol]);
        }

        text = builder.ToString();
        return true;
    }

    private static double FrequencyOf(int symbol) => BaseHz + (symbol * StepHz);

    private static int DominantSymbol(double[] samples, double[] coefficients, double energy)
    {
        if (energy <= 0)
        {
            return -1;
        }

        var best = -1;
        var bestPower = 0.0;
        for (var s = 0; s < coefficients.Length; s++)
        {
            double q1 = 0, q2 = 0;
            var coefficient = coefficients[s];
            foreach (var sample in samples)
            {
                var q0 = (coefficient * q1) - q2 + sample;
                q2 = q1;
                q1 = q0;
            }

            var power = (q1 * q1) + (q2 * q2) - (coefficient * q1 * q2);
            if (power > bestPower)
            {
                bestPower = power;
                best = s;
            }
        }

        // A pure tone puts about N/2 * energy into its bin; ordinary audio spreads out and is rejected.
        return bestPower > energy * samples.Length * 0.25 ? best : -1;
    }

    private static byte[] Synthesize(List<int> symbols)
    {
        var output = new byte[symbols.Count * SymbolMs * Pcm16.BytesPerMs24k];
        Render(symbols, 0, output);
        return output;
    }

    /// <summary>Maps text to the symbol sequence of <see cref="Encode(string)"/> (markers included).</summary>
    internal static int[] ToSymbols(string text)
    {
        var symbols = new int[text.Length + 2];
        symbols[0] = StartSymbol;
        var unknown = Alphabet.IndexOf('?', StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            var index = Alphabet.IndexOf(char.ToLowerInvariant(text[i]), StringComparison.Ordinal);
            symbols[i + 1] = FirstCharSymbol + (index < 0 ? unknown : index);
        }

        symbols[^1] = EndSymbol;
        return symbols;
    }

    /// <summary>Renders PCM16 24 kHz samples of a symbol sequence starting at <paramref name="startSample"/> into <paramref name="destination"/> (beyond the end: silence).</summary>
    internal static void Render(IReadOnlyList<int> symbols, long startSample, Span<byte> destination)
    {
        const int symbolSamples = SampleRate * SymbolMs / 1000;
        var written = 0;
        var sample = startSample;
        while (written < destination.Length)
        {
            var n = sample / symbolSamples;
            var within = (int)(sample % symbolSamples);
            var take = Math.Min((symbolSamples - within) * 2, destination.Length - written);
            var target = destination.Slice(written, take);
            if (n < symbols.Count)
            {
                // Tones are pre-rendered once per symbol; rendering a chunk is a copy.
                SymbolWaves.Value[symbols[(int)n]].AsSpan(within * 2, take).CopyTo(target);
            }
            else
            {
                target.Clear();
            }

            written += take;
            sample += take / 2;
        }
    }

    private static readonly Lazy<byte[][]> SymbolWaves = new(() =>
    {
        const int toneSamples = SampleRate * ToneMs / 1000;
        const int symbolSamples = SampleRate * SymbolMs / 1000;
        const int ramp = SampleRate * 5 / 1000;
        var waves = new byte[SymbolCount][];
        for (var symbol = 0; symbol < SymbolCount; symbol++)
        {
            var wave = new byte[symbolSamples * 2];
            var step = 2 * Math.PI * FrequencyOf(symbol) / SampleRate;
            for (var i = 0; i < toneSamples; i++)
            {
                var envelope = Math.Min(1.0, Math.Min(i, toneSamples - 1 - i) / (double)ramp);
                var value = (short)Math.Round(Math.Sin(step * i) * Amplitude * envelope * short.MaxValue);
                wave[i * 2] = (byte)value;
                wave[(i * 2) + 1] = (byte)(value >> 8);
            }

            waves[symbol] = wave;
        }

        return waves;
    });
}

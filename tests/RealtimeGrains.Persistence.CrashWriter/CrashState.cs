namespace RealtimeGrains.Persistence.CrashWriter;

/// <summary>A self-checking state: <see cref="Text"/> is <see cref="Length"/> copies of the letter for <see cref="Sequence"/>.</summary>
/// <param name="Sequence">The write number.</param>
/// <param name="Text">The letter of <paramref name="Sequence"/>, repeated.</param>
/// <param name="Length">How many letters <paramref name="Text"/> holds.</param>
public sealed record CrashState(long Sequence, string Text, int Length)
{
    /// <summary>The state of write <paramref name="sequence"/>.</summary>
    public static CrashState For(long sequence, int length) => new(sequence, new string(LetterOf(sequence), length), length);

    /// <summary>The letter that fills the text of write <paramref name="sequence"/>.</summary>
    public static char LetterOf(long sequence) => (char)('a' + (sequence % 26));
}

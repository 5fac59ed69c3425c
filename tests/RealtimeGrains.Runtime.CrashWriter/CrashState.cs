namespace RealtimeGrains.Runtime.CrashWriter;

/// <summary>A self-checking state: <see cref="Text"/> is <see cref="Length"/> copies of the letter for <see cref="Sequence"/>.</summary>
public sealed record CrashState(long Sequence, string Text, int Length)
{
    public static CrashState For(long sequence, int length) => new(sequence, new string(LetterOf(sequence), length), length);

    public static char LetterOf(long sequence) => (char)('a' + (sequence % 26));
}

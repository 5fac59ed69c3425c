namespace RealtimeGrains.OrleansBenchmarks.Grains;

/// <summary>
/// The measured calls. <c>PushAudioAsync</c> and <c>PushImmutableAudioAsync</c> differ only in the
/// <see cref="ImmutableAttribute"/> on the parameter: without it Orleans deep-copies the <c>byte[]</c> on every
/// local call (the default copier for arrays); with it the reference is passed through.
/// </summary>
[Alias("RealtimeGrains.OrleansBenchmarks.IBenchGrain")]
public interface IBenchGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task PingAsync();

    [Alias("PushAudio")]
    Task PushAudioAsync(byte[] chunk);

    [Alias("PushImmutableAudio")]
    Task PushImmutableAudioAsync([Immutable] byte[] chunk);

    /// <summary>Writes into the chunk it receives, so the caller can see whether it got the caller's array or a copy.</summary>
    [Alias("ScribbleOnCopied")]
    Task ScribbleAsync(byte[] chunk);

    /// <summary>As <see cref="ScribbleAsync"/>, with the parameter marked immutable.</summary>
    [Alias("ScribbleOnImmutable")]
    Task ScribbleImmutableAsync([Immutable] byte[] chunk);
}

using FsCheck;
using FsCheck.Fluent;

namespace RealtimeGrains.Fuzz.Running;

/// <summary>Draws input number <c>index</c> of a run from a generator: the same seed and index always give the same input.</summary>
internal static class Sampler
{
    /// <summary>FsCheck's size parameter: large enough that lists and numbers vary widely.</summary>
    public const int Size = 100;

    public static T Draw<T>(Gen<T> generator, int seed, long index)
    {
        var mixed = unchecked(((ulong)(uint)seed << 32) ^ (ulong)index * 0x9E3779B97F4A7C15UL);
        return generator.Sample(1, new Rnd(mixed, 0x2545F4914F6CDD1DUL | 1UL), Size)[0];
    }
}

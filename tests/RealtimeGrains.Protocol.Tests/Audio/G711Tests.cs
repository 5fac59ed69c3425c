namespace RealtimeGrains.Protocol.Tests.Audio;

public class G711Tests
{
    [Fact]
    public void MuLaw_KnownCodes()
    {
        Assert.Equal(0xFF, G711.LinearToMuLaw(0));
        Assert.Equal(0, G711.MuLawToLinear(0xFF));
        Assert.Equal(-32124, G711.MuLawToLinear(0x00));
        Assert.Equal(32124, G711.MuLawToLinear(0x80));
        Assert.Equal(0x80, G711.LinearToMuLaw(short.MaxValue));
        Assert.Equal(0x00, G711.LinearToMuLaw(short.MinValue));
    }

    [Fact]
    public void ALaw_KnownCodes()
    {
        Assert.Equal(0xD5, G711.LinearToALaw(0));
        Assert.Equal(8, G711.ALawToLinear(0xD5));
        Assert.Equal(-8, G711.ALawToLinear(0x55));
        Assert.Equal(32256, G711.ALawToLinear(0xAA));
        Assert.Equal(-32256, G711.ALawToLinear(0x2A));
    }

    [Fact]
    public void EveryCode_DecodesAndReencodesToItself()
    {
        for (var code = 0; code < 256; code++)
        {
            if (code != 0x7F) // µ-law negative zero decodes to 0, which encodes as positive zero (0xFF)
            {
                Assert.Equal(code, G711.LinearToMuLaw(G711.MuLawToLinear((byte)code)));
            }

            Assert.Equal(code, G711.LinearToALaw(G711.ALawToLinear((byte)code)));
        }
    }

    [Fact]
    public void EverySample_QuantizationErrorIsWithinTheSegmentStep()
    {
        for (int sample = short.MinValue; sample <= short.MaxValue; sample++)
        {
            var bound = Math.Max(16, Math.Abs(sample) / 16);
            Assert.InRange(G711.MuLawToLinear(G711.LinearToMuLaw((short)sample)) - sample, -bound - 650, bound + 650);
            if (Math.Abs(sample) < 32000)
            {
                Assert.InRange(G711.MuLawToLinear(G711.LinearToMuLaw((short)sample)) - sample, -bound, bound);
            }

            Assert.InRange(G711.ALawToLinear(G711.LinearToALaw((short)sample)) - sample, -bound, bound);
        }
    }

    [Fact]
    public void Encoding_IsMonotonic()
    {
        var previousMu = G711.MuLawToLinear(G711.LinearToMuLaw(short.MinValue));
        var previousA = G711.ALawToLinear(G711.LinearToALaw(short.MinValue));
        for (int sample = short.MinValue + 1; sample <= short.MaxValue; sample++)
        {
            var mu = G711.MuLawToLinear(G711.LinearToMuLaw((short)sample));
            var a = G711.ALawToLinear(G711.LinearToALaw((short)sample));
            Assert.True(mu >= previousMu, $"µ-law not monotonic at {sample}");
            Assert.True(a >= previousA, $"A-law not monotonic at {sample}");
            previousMu = mu;
            previousA = a;
        }
    }

    [Fact]
    public void SpanApis_MatchTheScalarOnes()
    {
        short[] pcm = [0, 1000, -1000, 30000, -30000, 7];
        var mu = new byte[pcm.Length];
        var a = new byte[pcm.Length];
        G711.EncodeMuLaw(pcm, mu);
        G711.EncodeALaw(pcm, a);
        var muBack = new short[pcm.Length];
        var aBack = new short[pcm.Length];
        G711.DecodeMuLaw(mu, muBack);
        G711.DecodeALaw(a, aBack);

        for (var i = 0; i < pcm.Length; i++)
        {
            Assert.Equal(G711.LinearToMuLaw(pcm[i]), mu[i]);
            Assert.Equal(G711.LinearToALaw(pcm[i]), a[i]);
            Assert.Equal(G711.MuLawToLinear(mu[i]), muBack[i]);
            Assert.Equal(G711.ALawToLinear(a[i]), aBack[i]);
        }
    }

    [Fact]
    public void SpanApis_RejectAShortDestination() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => G711.EncodeMuLaw(new short[4], new byte[3]));
}

namespace TinyMl.Toolkit.Nn;

/// <summary>
/// xoshiro256** seeded through SplitMix64: every random choice of training (initialization, shuffling, augmentation)
/// comes from here, so a seed fixes the result on any .NET version. <see cref="Fork"/> derives an independent stream
/// per (seed, key...) so work done in parallel stays reproducible.
/// </summary>
public sealed class RandomStream
{
    private ulong _s0, _s1, _s2, _s3;

    public RandomStream(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A stream that depends only on the seed and the keys (e.g. epoch and sample index).</summary>
    public static RandomStream Fork(ulong seed, params ReadOnlySpan<ulong> keys)
    {
        var x = seed;
        var h = SplitMix(ref x);
        foreach (var key in keys)
        {
            x = h ^ key;
            h = SplitMix(ref x);
        }
        return new RandomStream(h);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [0, count), without modulo bias (Lemire's multiply-and-reject).</summary>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var n = (ulong)count;
        var product = Math.BigMul(NextUInt64(), n, out var low);
        if (low < n)
        {
            var threshold = (0UL - n) % n;
            while (low < threshold)
                product = Math.BigMul(NextUInt64(), n, out low);
        }
        return (int)product;
    }

    /// <summary>Uniform integer in [low, high] (both included).</summary>
    public int NextInt(int low, int high) => low + NextInt(high - low + 1);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Box–Muller; one of the pair is discarded so the stream position stays simple).</summary>
    public double Normal()
    {
        var u = 1.0 - NextDouble(); // (0, 1]: the logarithm stays finite
        var v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>Fisher–Yates in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

namespace TinyMl.Toolkit.Data;

/// <summary>
/// One-second (or any length) noise for mixing: coloured noise with a 1/f^α power spectrum (white α = 0, pink 1,
/// brown 2) shaped in the frequency domain, mains hum, babble of other utterances, and segments of real recordings.
/// </summary>
public sealed class NoiseSources
{
    private readonly IReadOnlyList<(string Name, float[] Samples)> _recordings;
    private readonly IReadOnlyList<float[]> _babblePool;

    public const string White = "white", Pink = "pink", Brown = "brown", Hum = "hum", Babble = "babble";

    /// <param name="recordings">Real background recordings at the corpus rate (name, samples).</param>
    /// <param name="babblePool">Trimmed utterances (other words) to mix into babble.</param>
    public NoiseSources(IReadOnlyList<(string Name, float[] Samples)> recordings, IReadOnlyList<float[]> babblePool)
    {
        _recordings = recordings;
        _babblePool = babblePool;
    }

    /// <summary>Every kind available: the synthetic ones, babble when there is a pool, "background:&lt;name&gt;" per recording.</summary>
    public IReadOnlyList<string> Kinds =>
    [
        White, Pink, Brown, Hum, .. _babblePool.Count > 1 ? new[] { Babble } : [], .. _recordings.Select(r => "background:" + r.Name),
    ];

    public bool HasRecordings => _recordings.Count > 0;
    public IEnumerable<string> RecordingKinds => _recordings.Select(r => "background:" + r.Name);

    /// <summary>Noise of the given kind with unit RMS (or silence for a recording segment that is digital zero).</summary>
    public float[] Make(string kind, int length, int rate, SeededRandom rng, int excludeFromBabble = -1)
    {
        var noise = kind switch
        {
            White => Coloured(0, length, rate, rng),
            Pink => Coloured(1, length, rate, rng),
            Brown => Coloured(2, length, rate, rng),
            Hum => MainsHum(length, rate, rng),
            Babble => MakeBabble(length, rate, rng, excludeFromBabble),
            _ when kind.StartsWith("background:", StringComparison.Ordinal) => Segment(kind["background:".Length..], length, rng),
            _ => throw new ArgumentException($"unknown noise kind '{kind}'"),
        };
        var rms = AudioEffects.Rms(noise);
        if (rms > 0) AudioEffects.Scale(noise, 1 / rms);
        return noise;
    }

    /// <summary>Gaussian noise whose power falls as 1/f^α above 20 Hz (nothing below: no DC wander).</summary>
    public static float[] Coloured(double alpha, int length, int rate, SeededRandom rng)
    {
        var n = Fft.NextPowerOfTwo(length);
        double[] re = new double[n], im = new double[n];
        for (var k = 1; k < n / 2; k++)
        {
            var f = (double)k * rate / n;
            if (f < 20) continue;
            var gain = Math.Pow(f / 1000, -alpha / 2);
            re[k] = gain * rng.Gaussian();
            im[k] = gain * rng.Gaussian();
            re[n - k] = re[k];
            im[n - k] = -im[k];
        }
        Fft.Transform(re, im, inverse: true);
        var y = new float[length];
        for (var i = 0; i < length; i++) y[i] = (float)re[i];
        return y;
    }

    /// <summary>50 or 60 Hz mains hum: fundamental and harmonics up to the 9th (odd ones stronger, as from saturating
    /// transformers and rectifiers), random phases, the line a little off nominal, plus a faint buzz.</summary>
    public static float[] MainsHum(int length, int rate, SeededRandom rng)
    {
        var line = (rng.Chance(0.5) ? 50 : 60) * rng.Uniform(0.997, 1.003);
        var y = new float[length];
        for (var h = 1; h <= 9; h++)
        {
            var f = h * line;
            if (f >= rate / 2.0) break;
            var amplitude = rng.Uniform(0.2, 1.0) / h * (h % 2 == 1 ? 1.5 : 1);
            var phase = rng.Uniform(0, 2 * Math.PI);
            var w = 2 * Math.PI * f / rate;
            for (var i = 0; i < length; i++) y[i] += (float)(amplitude * Math.Sin(w * i + phase));
        }
        var buzz = Coloured(0, length, rate, rng);
        for (var i = 0; i < length; i++) y[i] += 0.02f * buzz[i];
        return y;
    }

    private float[] MakeBabble(int length, int rate, SeededRandom rng, int exclude)
    {
        var y = new float[length];
        var talkers = 4 + rng.Next(4);
        for (var t = 0; t < talkers; t++)
        {
            int index;
            do index = rng.Next(_babblePool.Count); while (index == exclude && _babblePool.Count > 1);
            var source = _babblePool[index];
            var rms = AudioEffects.Rms(source);
            if (rms <= 0) continue;
            var gain = Math.Pow(10, rng.Uniform(-6, 6) / 20) / rms;
            var offset = rng.Next(length + source.Length) - source.Length; // may start before the window
            for (var i = Math.Max(0, -offset); i < source.Length && offset + i < length; i++) y[offset + i] += (float)(gain * source[i]);
        }
        return y;
    }

    private float[] Segment(string name, int length, SeededRandom rng)
    {
        var samples = _recordings.First(r => r.Name == name).Samples;
        var y = new float[length];
        if (samples.Length <= length)
        {
            samples.AsSpan().CopyTo(y);
            return y;
        }
        var start = rng.Next(samples.Length - length);
        samples.AsSpan(start, length).CopyTo(y);
        return y;
    }
}

namespace TinyMl.Toolkit.Data;

/// <summary>The signal operations of the keyword corpus: trimming, speed and tempo change, reverberation, levels.</summary>
public static class AudioEffects
{
    /// <summary>The span holding speech: 10 ms frames within 35 dB of the loudest, widened by <paramref name="padSeconds"/>.</summary>
    public static (int Start, int End) ActiveRegion(ReadOnlySpan<float> x, int rate, double padSeconds = 0.03)
    {
        var frame = Math.Max(1, rate / 100);
        var frames = (x.Length + frame - 1) / frame;
        if (frames == 0) return (0, 0);
        var energy = new double[frames];
        var peak = 0.0;
        for (var f = 0; f < frames; f++)
        {
            var s = 0.0;
            var end = Math.Min(x.Length, (f + 1) * frame);
            for (var i = f * frame; i < end; i++) s += x[i] * x[i];
            energy[f] = s / (end - f * frame);
            peak = Math.Max(peak, energy[f]);
        }
        if (peak <= 1e-12) return (0, 0);
        var threshold = peak * Math.Pow(10, -3.5);
        int first = Array.FindIndex(energy, e => e >= threshold), last = Array.FindLastIndex(energy, e => e >= threshold);
        var pad = (int)(padSeconds * rate);
        return (Math.Max(0, first * frame - pad), Math.Min(x.Length, (last + 1) * frame + pad));
    }

    /// <summary>Cuts to [start, end) with 5 ms raised-cosine fades so the cut makes no click.</summary>
    public static float[] Cut(ReadOnlySpan<float> x, int start, int end, int rate)
    {
        var y = x[start..end].ToArray();
        var fade = Math.Min(y.Length / 2, rate / 200);
        for (var i = 0; i < fade; i++)
        {
            var g = (float)(0.5 - 0.5 * Math.Cos(Math.PI * (i + 0.5) / fade));
            y[i] *= g;
            y[^(i + 1)] *= g;
        }
        return y;
    }

    /// <summary>Plays faster (speed &gt; 1: shorter and higher) by resampling; speed is rounded to 1/100.</summary>
    public static float[] ChangeSpeed(float[] x, double speed, int rate)
    {
        var percent = (int)Math.Round(speed * 100);
        return percent == 100 ? x : Resampler.Resample(x, rate * percent / 100, rate);
    }

    /// <summary>
    /// Changes duration by 1/<paramref name="tempo"/> at constant pitch: WSOLA with 25 ms Hann frames at 50 % overlap,
    /// each next frame taken within ±7.5 ms of its nominal position where it best continues the previous one.
    /// </summary>
    public static float[] ChangeTempo(float[] x, double tempo, int rate)
    {
        if (Math.Abs(tempo - 1) < 1e-6 || x.Length == 0) return x;
        var n = (rate / 40) & ~1;
        var hop = n / 2;
        var tolerance = (int)(0.0075 * rate);
        var window = new float[n];
        for (var i = 0; i < n; i++) window[i] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / n));
        var padded = new float[x.Length + 2 * n + 2 * tolerance];
        x.CopyTo(padded, n + tolerance);
        var outLength = (int)Math.Round(x.Length / tempo);
        // Output time o reads padded position tolerance + o·tempo; input sample 0 (padded n + tolerance) lands at n/tempo.
        var lead = (int)Math.Round(n / tempo);
        var y = new float[lead + outLength + 2 * n];
        var previous = tolerance;
        for (var k = 0; (long)k * hop < lead + outLength + n; k++)
        {
            var nominal = tolerance + (int)Math.Round(k * hop * tempo);
            var position = nominal;
            if (k > 0)
            {
                var natural = Math.Min(previous + hop, padded.Length - n);
                var best = double.NegativeInfinity;
                var low = Math.Max(0, nominal - tolerance);
                var high = Math.Min(padded.Length - n, nominal + tolerance);
                for (var p = low; p <= high; p++)
                {
                    var c = 0.0;
                    for (var j = 0; j < n; j += 2) c += padded[p + j] * padded[natural + j];
                    if (c > best)
                    {
                        best = c;
                        position = p;
                    }
                }
            }
            if (position + n > padded.Length || k * hop + n > y.Length) break;
            for (var j = 0; j < n; j++) y[k * hop + j] += window[j] * padded[position + j];
            previous = position;
        }
        return y.AsSpan(lead, outLength).ToArray();
    }

    /// <summary>
    /// A synthetic room impulse response: the direct path, a few early reflections (2–25 ms) and a late tail of Gaussian
    /// noise decaying 60 dB in <paramref name="rt60"/> seconds, darkened by a one-pole low-pass (air and wall absorption),
    /// its energy set by a direct-to-reverberant ratio of <paramref name="drrDb"/>.
    /// </summary>
    public static float[] RoomImpulse(SeededRandom rng, double rt60, double drrDb, int rate)
    {
        var length = (int)(Math.Min(rt60, 0.8) * rate);
        var h = new float[Math.Max(length, rate / 50)];
        var tail = new double[h.Length];
        var start = (int)(0.003 * rate);
        double state = 0, alpha = 0.35;
        for (var i = start; i < h.Length; i++)
        {
            state += alpha * (rng.Gaussian() - state);
            tail[i] = state * Math.Exp(-6.9078 * (i - start) / (rt60 * rate));
        }
        for (var r = 0; r < 6; r++)
        {
            var at = (int)(rng.Uniform(0.002, 0.025) * rate);
            if (at < tail.Length) tail[at] += (rng.Chance(0.5) ? 1 : -1) * rng.Uniform(0.2, 0.6);
        }
        var energy = tail.Sum(v => v * v);
        var scale = energy > 0 ? Math.Sqrt(1 / (energy * Math.Pow(10, drrDb / 10))) : 0;
        for (var i = 0; i < h.Length; i++) h[i] = (float)(tail[i] * scale);
        h[0] = 1;
        return h;
    }

    public static double Rms(ReadOnlySpan<float> x)
    {
        if (x.Length == 0) return 0;
        var s = 0.0;
        foreach (var v in x) s += (double)v * v;
        return Math.Sqrt(s / x.Length);
    }

    public static double Peak(ReadOnlySpan<float> x)
    {
        var p = 0.0;
        foreach (var v in x) p = Math.Max(p, Math.Abs(v));
        return p;
    }

    public static double ToDb(double amplitude) => 20 * Math.Log10(Math.Max(amplitude, 1e-10));

    public static void Scale(Span<float> x, double gain)
    {
        for (var i = 0; i < x.Length; i++) x[i] = (float)(x[i] * gain);
    }

    /// <summary>16-bit samples, rounded to nearest and clamped.</summary>
    public static short[] ToPcm16(ReadOnlySpan<float> x)
    {
        var y = new short[x.Length];
        for (var i = 0; i < x.Length; i++) y[i] = (short)Math.Clamp(Math.Round(x[i] * 32768.0), -32768, 32767);
        return y;
    }
}

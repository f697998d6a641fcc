using TinyMl.Toolkit.Data;

namespace TinyMl.Toolkit.Tests;

/// <summary>Spectral measurements the data tests assert on (double precision, independent of what they check).</summary>
internal static class DataSpectra
{
    /// <summary>Amplitude of the component at <paramref name="hz"/> (a sine of amplitude A gives A): correlation under a
    /// Hann window, so tones elsewhere leak nothing measurable.</summary>
    public static double ToneAmplitude(ReadOnlySpan<float> x, double rate, double hz)
    {
        double c = 0, s = 0, weight = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var w = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / x.Length);
            var a = 2 * Math.PI * hz * i / rate;
            c += w * x[i] * Math.Cos(a);
            s += w * x[i] * Math.Sin(a);
            weight += w;
        }
        return 2 * Math.Sqrt(c * c + s * s) / weight;
    }

    /// <summary>Magnitude spectrum (Hann window, mean removed) of the first power-of-two samples; bin k is k·rate/n Hz.</summary>
    public static double[] Magnitude(ReadOnlySpan<float> x, out int n)
    {
        n = 1;
        while (n * 2 <= x.Length) n *= 2;
        var mean = 0.0;
        for (var i = 0; i < n; i++) mean += x[i];
        mean /= n;
        double[] re = new double[n], im = new double[n];
        for (var i = 0; i < n; i++) re[i] = (x[i] - mean) * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / n));
        Fft.Transform(re, im);
        var m = new double[n / 2];
        for (var k = 0; k < n / 2; k++) m[k] = Math.Sqrt(re[k] * re[k] + im[k] * im[k]);
        return m;
    }

    /// <summary>Envelope (magnitude of the analytic signal) of x high-passed above <paramref name="highPassHz"/>.</summary>
    public static float[] Envelope(ReadOnlySpan<float> x, double rate, double highPassHz)
    {
        var n = Fft.NextPowerOfTwo(x.Length);
        double[] re = new double[n], im = new double[n];
        for (var i = 0; i < x.Length; i++) re[i] = x[i];
        Fft.Transform(re, im);
        for (var k = 0; k < n; k++)
        {
            var f = Math.Min(k, n - k) * rate / n;
            // analytic signal: keep positive frequencies (doubled) above the high-pass, drop the rest
            var keep = k > 0 && k < n / 2 && f >= highPassHz ? 2.0 : 0.0;
            re[k] *= keep;
            im[k] *= keep;
        }
        Fft.Transform(re, im, inverse: true);
        var envelope = new float[x.Length];
        for (var i = 0; i < x.Length; i++) envelope[i] = (float)(Math.Sqrt(re[i] * re[i] + im[i] * im[i]) / n);
        return envelope;
    }

    /// <summary>Largest magnitude within ±<paramref name="tolerance"/> (relative) of <paramref name="hz"/> over the median
    /// magnitude between <paramref name="lowHz"/> and <paramref name="highHz"/>.</summary>
    public static double PeakOverMedian(double[] magnitude, int n, double rate, double hz, double tolerance, double lowHz, double highHz)
    {
        int Bin(double f) => (int)Math.Round(f * n / rate);
        var peak = 0.0;
        for (var k = Bin(hz * (1 - tolerance)); k <= Bin(hz * (1 + tolerance)); k++) peak = Math.Max(peak, magnitude[k]);
        var band = magnitude[Bin(lowHz)..Bin(highHz)].Order().ToArray();
        return peak / band[band.Length / 2];
    }

    public static double FrequencyOfLargestPeak(double[] magnitude, int n, double rate, double lowHz, double highHz)
    {
        int low = (int)Math.Ceiling(lowHz * n / rate), high = (int)Math.Floor(highHz * n / rate);
        var best = low;
        for (var k = low; k <= high; k++)
            if (magnitude[k] > magnitude[best]) best = k;
        return best * rate / n;
    }
}

namespace TinyMl.Toolkit.Data;

/// <summary>Radix-2 complex FFT in double precision, and what the data tools build on it (fast convolution).</summary>
public static class Fft
{
    public static int NextPowerOfTwo(int n)
    {
        var p = 1;
        while (p < n) p <<= 1;
        return p;
    }

    /// <summary>In-place forward (or inverse, unscaled) transform; the length must be a power of two.</summary>
    public static void Transform(double[] re, double[] im, bool inverse = false)
    {
        var n = re.Length;
        if (n != im.Length || (n & (n - 1)) != 0) throw new ArgumentException("FFT length must be a power of two");
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        for (var len = 2; len <= n; len <<= 1)
        {
            var angle = (inverse ? 2 : -2) * Math.PI / len;
            var half = len / 2;
            for (var k = 0; k < half; k++)
            {
                // Twiddles from the angle directly (not by recurrence) so long transforms keep full precision.
                double wr = Math.Cos(angle * k), wi = Math.Sin(angle * k);
                for (var i = k; i < n; i += len)
                {
                    var j = i + half;
                    double xr = re[j] * wr - im[j] * wi, xi = re[j] * wi + im[j] * wr;
                    re[j] = re[i] - xr;
                    im[j] = im[i] - xi;
                    re[i] += xr;
                    im[i] += xi;
                }
            }
        }
    }

    /// <summary>Full linear convolution (length a + b − 1) through one zero-padded transform pair.</summary>
    public static float[] Convolve(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length == 0 || b.Length == 0) return [];
        var outLength = a.Length + b.Length - 1;
        var n = NextPowerOfTwo(outLength);
        double[] re = new double[n], im = new double[n];
        // Both real inputs in one complex transform: a in the real part, b in the imaginary part.
        for (var i = 0; i < a.Length; i++) re[i] = a[i];
        for (var i = 0; i < b.Length; i++) im[i] = b[i];
        Transform(re, im);
        double[] pr = new double[n], pi = new double[n];
        for (var k = 0; k < n; k++)
        {
            var m = (n - k) & (n - 1);
            // A[k] = (Z[k] + conj Z[n-k]) / 2, B[k] = (Z[k] − conj Z[n-k]) / 2i; product A·B.
            double ar = 0.5 * (re[k] + re[m]), ai = 0.5 * (im[k] - im[m]);
            double br = 0.5 * (im[k] + im[m]), bi = -0.5 * (re[k] - re[m]);
            pr[k] = ar * br - ai * bi;
            pi[k] = ar * bi + ai * br;
        }
        Transform(pr, pi, inverse: true);
        var result = new float[outLength];
        for (var i = 0; i < outLength; i++) result[i] = (float)(pr[i] / n);
        return result;
    }
}

using System.Collections.Concurrent;

namespace TinyMl.Toolkit.Data;

/// <summary>
/// Band-limited sample-rate conversion by an exact rational ratio (polyphase windowed sinc), shared by audio
/// (8 kHz digits → 16 kHz, TTS voices at 22.05/32/48 kHz → 16 kHz, speed perturbation) and vibration (any rate → the
/// model's rate).
/// </summary>
/// <remarks>
/// For fo/fi = Up/Down in lowest terms, output sample m sits at input time m·Down/Up (no delay). Its value is
/// Σ x[k]·h(t − k) with h a sinc low-pass whose −6 dB point is <c>cutoff</c> × the lower of the two rates (0.45 by
/// default, so the band edge sits below the lower Nyquist), under a Kaiser window (β = 8.6, ≈ 90 dB side lobes)
/// reaching ±<c>halfWidth</c> periods of the lower rate (32 by default). The Up phases of h are tabulated once and each
/// is normalized to unit DC gain. Samples outside the input count as zero. Measured (tests): a tone at ¼ of the lower
/// rate keeps its amplitude within 0.1 %; a tone between 0.55 and 1 × the lower rate (above its Nyquist) comes out at
/// least 80 dB down. The same design as the native CWRU evaluation's resampler, so both see the same signal.
/// </remarks>
public sealed class Resampler
{
    private static readonly ConcurrentDictionary<(int, int), Resampler> s_cache = new();
    private readonly double[] _table;
    private readonly int _taps;
    private readonly int _reach;

    public int FromHz { get; }
    public int ToHz { get; }
    public int Up { get; }
    public int Down { get; }

    public Resampler(int fromHz, int toHz, double cutoff = 0.45, double halfWidth = 32, double beta = 8.6)
    {
        if (fromHz <= 0 || toHz <= 0) throw new ArgumentOutOfRangeException(nameof(fromHz), "rates must be positive");
        if (cutoff is <= 0 or > 0.5) throw new ArgumentOutOfRangeException(nameof(cutoff));
        FromHz = fromHz;
        ToHz = toHz;
        var g = Gcd(fromHz, toHz);
        Up = toHz / g;
        Down = fromHz / g;
        var lower = Math.Min(fromHz, toHz);
        var fc = cutoff * lower / fromHz; // cycles per input sample
        var span = halfWidth * Math.Max(1.0, (double)fromHz / toHz); // input samples on each side
        _taps = 2 * (int)Math.Ceiling(span);
        _reach = _taps / 2;
        if ((long)Up * _taps > 50_000_000) throw new ArgumentException($"resampling {fromHz} → {toHz} Hz needs too large a table (ratio {Up}/{Down})");
        _table = new double[Up * _taps];
        var i0Beta = BesselI0(beta);
        for (var p = 0; p < Up; p++)
        {
            var sum = 0.0;
            var row = p * _taps;
            for (var j = 0; j < _taps; j++)
            {
                var t = (double)p / Up + (_reach - 1 - j); // distance from this tap's input sample to the output time
                var r = t / span;
                var x = 2 * fc * t;
                var sinc = x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
                var h = Math.Abs(r) >= 1 ? 0.0 : 2 * fc * sinc * BesselI0(beta * Math.Sqrt(1 - r * r)) / i0Beta;
                _table[row + j] = h;
                sum += h;
            }
            for (var j = 0; j < _taps; j++) _table[row + j] /= sum;
        }
    }

    /// <summary>A shared (immutable, thread-safe) resampler for a pair of rates with the default design.</summary>
    public static Resampler For(int fromHz, int toHz) => s_cache.GetOrAdd((fromHz, toHz), k => new Resampler(k.Item1, k.Item2));

    /// <summary>Resamples with the cached default design; the same rate returns a copy.</summary>
    public static float[] Resample(ReadOnlySpan<float> input, int fromHz, int toHz) =>
        fromHz == toHz ? input.ToArray() : For(fromHz, toHz).Process(input);

    /// <summary>Output length for an input of <paramref name="inputLength"/> samples: every output time within the input.</summary>
    public long OutputLength(long inputLength) => inputLength == 0 ? 0 : (inputLength - 1) * Up / Down + 1;

    public float[] Process(ReadOnlySpan<float> input)
    {
        var output = new float[OutputLength(input.Length)];
        for (long m = 0; m < output.Length; m++)
        {
            var position = m * Down;
            var baseIndex = position / Up;
            var phase = (int)(position % Up);
            var first = baseIndex - _reach + 1;
            var row = phase * _taps;
            int j0 = (int)Math.Max(0, -first), j1 = (int)Math.Min(_taps, input.Length - first);
            var y = 0.0;
            for (var j = j0; j < j1; j++) y += input[(int)(first + j)] * _table[row + j];
            output[m] = (float)y;
        }
        return output;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (var k = 1; k < 60; k++)
        {
            var q = x / (2 * k);
            term *= q * q;
            sum += term;
            if (term < 1e-17 * sum) break;
        }
        return sum;
    }
}

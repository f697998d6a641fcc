namespace TinyMlDevice.Core.Tests;

/// <summary>Synthetic accelerometer streams in counts at ±4 g (8192 counts per g), deterministic per sample index.</summary>
internal static class Signals
{
    public const float FullScaleG = 4f;
    private const double CountsPerG = 32768 / FullScaleG;

    /// <summary>A healthy machine: 0.2 g at 50 Hz (phase per axis) plus 0.02 g of noise, at 1 kHz.</summary>
    public static short Normal(long n, int axis) =>
        Counts(0.2 * Math.Sin(2 * Math.PI * 50 * n / 1000.0 + axis) + 0.02 * Noise(n, axis));

    /// <summary>The same machine with a fault: an extra 0.3 g at 230 Hz and ten times the noise.</summary>
    public static short Faulty(long n, int axis) =>
        Counts(0.2 * Math.Sin(2 * Math.PI * 50 * n / 1000.0 + axis) + 0.3 * Math.Sin(2 * Math.PI * 230 * n / 1000.0) +
            0.2 * Noise(n, axis));

    // uniform in [-1, 1), from a hash of (n, axis)
    private static double Noise(long n, int axis)
    {
        ulong x = (ulong)n * 0x9E3779B97F4A7C15UL ^ (ulong)(axis + 1) * 0xBF58476D1CE4E5B9UL;
        x ^= x >> 31;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 29;
        return (x >> 11) / (double)(1UL << 53) * 2 - 1;
    }

    private static short Counts(double g) => (short)Math.Clamp(Math.Round(g * CountsPerG), -32768, 32767);

    /// <summary>samples [from, from + count) of a 3-axis stream, interleaved.</summary>
    public static short[] Take(Func<long, int, short> signal, long from, int count, int axes = 3)
    {
        short[] values = new short[count * axes];
        for (int i = 0; i < count; i++)
        {
            for (int a = 0; a < axes; a++)
            {
                values[i * axes + a] = signal(from + i, a);
            }
        }

        return values;
    }
}

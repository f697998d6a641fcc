namespace TinyMlDevice.Core.DeviceTests
{
    /// <summary>Sample n of one accelerometer axis, in counts.</summary>
    internal delegate short Signal(long n, int axis);

    /// <summary>
    /// Synthetic vibration in integer arithmetic (no Math package needed on the device): a healthy machine is a
    /// 62.5 Hz triangle wave of ±1600 counts plus ±160 counts of noise at 1 kHz; a faulty one adds a 250 Hz square wave
    /// of ±2400 counts and ten times the noise.
    /// </summary>
    internal static class Signals
    {
        public static short Normal(long n, int axis) => (short)(Triangle(n + 3 * axis, 16, 1600) + Noise(n, axis, 160));

        public static short Faulty(long n, int axis) =>
            (short)(Triangle(n + 3 * axis, 16, 1600) + ((n / 2) % 2 == 0 ? 2400 : -2400) + Noise(n, axis, 1600));

        public static short Zero(long n, int axis) => 0;

        /// <summary>samples [from, from + count) of an axes-axis stream, interleaved.</summary>
        public static short[] Take(Signal signal, long from, int count, int axes)
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

        private static int Triangle(long n, int period, int amplitude)
        {
            int phase = (int)(n % period);
            int half = period / 2;
            int rising = phase < half ? phase : period - phase; // 0..half..0
            return (rising * 4 * amplitude / period) - amplitude;
        }

        // uniform in [-amplitude, amplitude], from an integer hash of (n, axis)
        private static int Noise(long n, int axis, int amplitude)
        {
            uint x = (uint)n * 2654435761u ^ (uint)(axis + 1) * 40503u;
            x ^= x >> 15;
            x *= 2246822519u;
            x ^= x >> 13;
            return (int)(x % (uint)(2 * amplitude + 1)) - amplitude;
        }
    }
}

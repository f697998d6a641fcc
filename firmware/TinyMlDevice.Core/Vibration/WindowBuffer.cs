using System;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// Cuts a stream of interleaved IMU samples into windows of Window samples that start Hop samples apart (overlapping
    /// when Hop &lt; Window). Samples land in one buffer of two windows; taking a window copies it out whole (the native
    /// features need exactly one window's array) and slides the rest left by one hop: two Array.Copy calls per window,
    /// no per-sample work.
    /// </summary>
    public sealed class WindowBuffer
    {
        private readonly short[] _buffer;
        private readonly short[] _window;
        private int _filled; // values (samples × axes)

        public WindowBuffer(int window, int hop, int axes)
        {
            if (window < 1 || axes < 1)
            {
                throw new ArgumentOutOfRangeException(window < 1 ? "window" : "axes", "must be at least 1");
            }

            if (hop < 1 || hop > window)
            {
                throw new ArgumentOutOfRangeException("hop", "must be 1 to the window length");
            }

            Window = window;
            Hop = hop;
            Axes = axes;
            _buffer = new short[2 * window * axes];
            _window = new short[window * axes];
        }

        /// <summary>Samples (per axis) in one window.</summary>
        public int Window { get; }

        /// <summary>Samples from the start of one window to the start of the next.</summary>
        public int Hop { get; }

        public int Axes { get; }

        /// <summary>Samples waiting in the buffer.</summary>
        public int BufferedSamples => _filled / Axes;

        /// <summary>Samples that fit before the buffer is full.</summary>
        public int FreeSamples => (_buffer.Length - _filled) / Axes;

        /// <summary>Samples accepted since construction or the last Reset.</summary>
        public long SamplesReceived { get; private set; }

        /// <summary>Windows taken since construction or the last Reset.</summary>
        public long WindowsTaken { get; private set; }

        /// <summary>Index (in samples since the last Reset) of the first sample of the next window.</summary>
        public long NextWindowStart => WindowsTaken * Hop;

        public bool WindowReady => _filled >= Window * Axes;

        /// <summary>Reads up to maxSamples ready samples from the IMU straight into the buffer; returns how many.</summary>
        /// <exception cref="SensorFaultException">The IMU failed.</exception>
        public int Fill(IMotionInput input, int maxSamples)
        {
            int room = FreeSamples;
            int read = input.Read(_buffer, _filled, maxSamples < room ? maxSamples : room);
            if (read < 0 || read > room)
            {
                throw new SensorFaultException("imu", "the driver returned " + read + " samples for room for " + room);
            }

            _filled += read * Axes;
            SamplesReceived += read;
            return read;
        }

        /// <summary>Copies up to samples samples (Axes values each) from source at offset; returns how many fit.</summary>
        public int Append(short[] source, int offset, int samples)
        {
            int room = FreeSamples;
            int taken = samples < room ? samples : room;
            Array.Copy(source, offset, _buffer, _filled, taken * Axes);
            _filled += taken * Axes;
            SamplesReceived += taken;
            return taken;
        }

        /// <summary>The oldest full window (Window × Axes values, valid until the next call), then one hop forward.</summary>
        public short[] TakeWindow()
        {
            if (!WindowReady)
            {
                throw new InvalidOperationException("no full window yet");
            }

            int windowValues = Window * Axes;
            int hopValues = Hop * Axes;
            Array.Copy(_buffer, 0, _window, 0, windowValues);
            Array.Copy(_buffer, hopValues, _buffer, 0, _filled - hopValues);
            _filled -= hopValues;
            WindowsTaken++;
            return _window;
        }

        /// <summary>Forgets every sample (after a gap in the stream).</summary>
        public void Reset()
        {
            _filled = 0;
            SamplesReceived = 0;
            WindowsTaken = 0;
        }
    }
}

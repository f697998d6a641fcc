using System;
using System.Runtime.CompilerServices;

namespace TinyMl
{
    /// <summary>
    /// Features of windows of IMU samples (int16 counts, 1 to 3 axes interleaved), computed by the native engine: per axis
    /// RMS, peak and crest (of the samples minus the window's mean, in g), kurtosis (not excess), then the natural log of
    /// the energy (g²) in each frequency band. As floats for <see cref="AnomalyBaseline"/>, and optionally as the int8
    /// input of an autoencoder (see <see cref="SetNormalization"/>). docs/VIBRATION.md defines every feature exactly.
    /// Not thread-safe: use each instance from one thread at a time.
    /// </summary>
    public sealed class VibrationFeatures : IDisposable
    {
        public const int MinWindow = 64;
        public const int MaxWindow = 4096;
        public const int MaxAxes = 3;
        public const int MaxBands = 32;

        /// <summary>Features of one axis before its bands: RMS, peak, crest, kurtosis.</summary>
        public const int TimeFeatures = 4;

        public const int RmsIndex = 0;
        public const int PeakIndex = 1;
        public const int CrestIndex = 2;
        public const int KurtosisIndex = 3;
        public const int FirstBandIndex = 4;

        private readonly int _window;
        private readonly int _axes;
        private readonly float _sampleRateHz;
        private readonly float _fullScaleG;
        private readonly int _bandCount;
        private readonly int _featureCount;
        private readonly sbyte[] _noQuantized = new sbyte[0];
        private VibrationArithmetic _arithmetic;
        private int _handle; // 0 once disposed

        /// <summary>Equal-width bands from 0 Hz to Nyquist.</summary>
        /// <param name="window">Samples per axis: a power of two from 64 to 4096.</param>
        /// <param name="axes">1 to 3.</param>
        /// <param name="sampleRateHz">Of each axis.</param>
        /// <param name="fullScaleG">The sensor's range: a count is fullScaleG / 32768 g.</param>
        /// <param name="bandCount">0 to <see cref="MaxBands"/>.</param>
        /// <exception cref="TinyMlException">The engine refused the settings; the message says why.</exception>
        public VibrationFeatures(int window, int axes, float sampleRateHz, float fullScaleG, int bandCount)
            : this(window, axes, sampleRateHz, fullScaleG, CheckBandCount(bandCount), new float[0])
        {
        }

        /// <summary>Bands between consecutive edges (Hz, increasing, the last at most Nyquist): bandEdgesHz.Length − 1 bands.</summary>
        /// <exception cref="TinyMlException">The engine refused the settings; the message says why.</exception>
        public VibrationFeatures(int window, int axes, float sampleRateHz, float fullScaleG, float[] bandEdgesHz)
            : this(window, axes, sampleRateHz, fullScaleG, CheckEdges(bandEdgesHz), bandEdgesHz)
        {
        }

        // edges is empty for equal-width bands.
        private VibrationFeatures(int window, int axes, float sampleRateHz, float fullScaleG, int bandCount, float[] edges)
        {
            Arguments.NotNegative(window, "window");
            Arguments.NotNegative(axes, "axes");
            int[] report = new int[2];
            int status = NativeCreate(window, axes, sampleRateHz, fullScaleG, bandCount, edges, report);
            if (status != 0)
            {
                throw new TinyMlException((TinyMlStatus)status, NativeErrorText(0));
            }

            _handle = report[0];
            _featureCount = report[1];
            _window = window;
            _axes = axes;
            _sampleRateHz = sampleRateHz;
            _fullScaleG = fullScaleG;
            _bandCount = bandCount;
        }

        ~VibrationFeatures()
        {
            if (_handle != 0)
            {
                NativeRelease(_handle);
            }
        }

        public int Window
        {
            get { return Live(_window); }
        }

        public int Axes
        {
            get { return Live(_axes); }
        }

        public float SampleRateHz
        {
            get
            {
                CheckLive();
                return _sampleRateHz;
            }
        }

        public float FullScaleG
        {
            get
            {
                CheckLive();
                return _fullScaleG;
            }
        }

        public int BandCount
        {
            get { return Live(_bandCount); }
        }

        /// <summary><see cref="TimeFeatures"/> + <see cref="BandCount"/>: axis a's feature j is at a · FeaturesPerAxis + j.</summary>
        public int FeaturesPerAxis
        {
            get { return TimeFeatures + BandCount; }
        }

        public int FeatureCount
        {
            get { return Live(_featureCount); }
        }

        /// <summary>Samples of one window: <see cref="Window"/> · <see cref="Axes"/>.</summary>
        public int SamplesPerWindow
        {
            get { return Window * Axes; }
        }

        public VibrationArithmetic Arithmetic
        {
            get { return _arithmetic; }
            set { _arithmetic = value; }
        }

        /// <summary>The band edges in Hz (BandCount + 1 values).</summary>
        public float[] BandEdgesHz
        {
            get
            {
                CheckLive();
                float[] edges = new float[_bandCount + 1];
                NativeBandEdges(_handle, edges);
                return edges;
            }
        }

        /// <summary>
        /// How the int8 output is made: feature i becomes clamp(zeroPoint + round((f − offsets[i]) / scales[i] / inputScale),
        /// −128, 127), with inputScale and zeroPoint those of the model's input tensor.
        /// </summary>
        /// <exception cref="TinyMlException">A scale is zero or not finite, or the zero point is outside −128..127.</exception>
        public void SetNormalization(float[] offsets, float[] scales, float inputScale, int inputZeroPoint)
        {
            Arguments.NotNull(offsets, "offsets");
            Arguments.NotNull(scales, "scales");
            CheckLive();
            Arguments.Length(offsets, _featureCount, "offsets");
            Arguments.Length(scales, _featureCount, "scales");
            Check(NativeSetNormalization(_handle, offsets, scales, inputScale, inputZeroPoint));
        }

        /// <summary>The features of one window (<see cref="SamplesPerWindow"/> samples).</summary>
        public float[] Compute(short[] samples)
        {
            float[] features = new float[FeatureCount];
            Compute(samples, features);
            return features;
        }

        /// <summary>The features of one window into features (<see cref="FeatureCount"/> long).</summary>
        public void Compute(short[] samples, float[] features)
        {
            Run(samples, features, null);
        }

        /// <summary>The features of one window, as floats and as the model's int8 input (both <see cref="FeatureCount"/> long).</summary>
        public void Compute(short[] samples, float[] features, sbyte[] quantized)
        {
            Arguments.NotNull(quantized, "quantized");
            Run(samples, features, quantized);
        }

        public void Dispose()
        {
            if (_handle == 0)
            {
                return;
            }

            NativeRelease(_handle);
            _handle = 0;
            GC.SuppressFinalize(this);
        }

        private static int CheckBandCount(int bandCount)
        {
            if (bandCount < 0 || bandCount > MaxBands)
            {
                throw new ArgumentOutOfRangeException("bandCount", "0 to " + MaxBands.ToString() + " bands");
            }

            return bandCount;
        }

        private static int CheckEdges(float[] bandEdgesHz)
        {
            Arguments.NotNull(bandEdgesHz, "bandEdgesHz");
            if (bandEdgesHz.Length < 2 || bandEdgesHz.Length > MaxBands + 1)
            {
                throw new ArgumentException("2 to " + (MaxBands + 1).ToString() + " band edges (1 to " + MaxBands.ToString() +
                    " bands)", "bandEdgesHz");
            }

            return bandEdgesHz.Length - 1;
        }

        private void Run(short[] samples, float[] features, sbyte[] quantized)
        {
            Arguments.NotNull(samples, "samples");
            Arguments.NotNull(features, "features");
            CheckLive();
            Arguments.Length(samples, _window * _axes, "samples");
            Arguments.Length(features, _featureCount, "features");
            if (quantized != null)
            {
                Arguments.Length(quantized, _featureCount, "quantized");
            }

            Check(NativeCompute(_handle, (int)_arithmetic, samples, features, quantized == null ? _noQuantized : quantized));
        }

        private void CheckLive()
        {
            if (_handle == 0)
            {
                throw new ObjectDisposedException("VibrationFeatures");
            }
        }

        private int Live(int value)
        {
            CheckLive();
            return value;
        }

        private void Check(int status)
        {
            if (status != 0)
            {
                throw new TinyMlException((TinyMlStatus)status, NativeErrorText(_handle));
            }
        }

        // bandEdgesHz: bandCount + 1 edges, or empty for equal-width bands. report: handle, feature count.
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCreate(int window, int axes, float sampleRateHz, float fullScaleG, int bandCount,
            float[] bandEdgesHz, int[] report);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeRelease(int handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeBandEdges(int handle, float[] edges);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSetNormalization(int handle, float[] offsets, float[] scales, float inputScale,
            int inputZeroPoint);

        // quantized: empty to skip the int8 output.
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCompute(int handle, int arithmetic, short[] samples, float[] features,
            sbyte[] quantized);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern string NativeErrorText(int handle);
    }
}

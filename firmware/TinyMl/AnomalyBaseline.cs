using System;
using System.Runtime.CompilerServices;

namespace TinyMl
{
    /// <summary>
    /// The on-device anomaly baseline, run by the native engine: it learns the mean and variance of every feature over
    /// a calibration period (the first CalibrationWindows windows fed), sets its threshold from the scores of its own
    /// calibration windows (margin × their quantile), then scores each window (mean squared z-score) and flags those
    /// above the threshold. <see cref="Save"/> and <see cref="Restore"/> keep a baseline across reboots.
    /// docs/VIBRATION.md gives the details. Not thread-safe: use each instance from one thread at a time.
    /// </summary>
    public sealed class AnomalyBaseline : IDisposable
    {
        public const int MaxFeatures = 128;

        // NativeState's reports: feature count, calibration windows, warm-up windows, phase, windows, anomalies; and
        // quantile, margin, threshold.
        private const int CountsLength = 6;
        private const int ValuesLength = 3;

        private readonly int[] _counts = new int[CountsLength];
        private readonly float[] _values = new float[ValuesLength];
        private readonly float[] _score = new float[1];
        private readonly float[] _none = new float[0];
        private int _handle; // 0 once disposed

        /// <summary>Defaults: the first half of the calibration is warm-up, quantile 0.99, margin 1.5.</summary>
        /// <exception cref="TinyMlException">The engine refused the settings; the message says why.</exception>
        public AnomalyBaseline(int featureCount, int calibrationWindows)
        {
            Create(featureCount, calibrationWindows, 0, 0f, 0f, 0);
        }

        /// <param name="featureCount">Features per window, 1 to <see cref="MaxFeatures"/>.</param>
        /// <param name="calibrationWindows">Windows that calibrate (at most 65535).</param>
        /// <param name="warmupWindows">Of those, the first ones only learn (at least 2); the rest are also scored for the threshold.</param>
        /// <param name="quantile">Of the calibration scores, in (0, 1].</param>
        /// <param name="margin">Threshold = margin · quantile score; at least 1.</param>
        /// <exception cref="TinyMlException">The engine refused the settings; the message says why.</exception>
        public AnomalyBaseline(int featureCount, int calibrationWindows, int warmupWindows, float quantile, float margin)
        {
            Arguments.NotNegative(warmupWindows, "warmupWindows");
            Create(featureCount, calibrationWindows, warmupWindows, quantile, margin, 1);
        }

        ~AnomalyBaseline()
        {
            if (_handle != 0)
            {
                NativeRelease(_handle);
            }
        }

        public int FeatureCount
        {
            get { return Count(0); }
        }

        public int CalibrationWindows
        {
            get { return Count(1); }
        }

        public int WarmupWindows
        {
            get { return Count(2); }
        }

        public float Quantile
        {
            get { return Value(0); }
        }

        public float Margin
        {
            get { return Value(1); }
        }

        public AnomalyPhase Phase
        {
            get { return (AnomalyPhase)Count(3); }
        }

        /// <summary>Scores above it are anomalies; 0 while calibrating.</summary>
        public float Threshold
        {
            get { return Value(2); }
        }

        /// <summary>Windows fed, calibration included.</summary>
        public long Windows
        {
            get { return (uint)Count(4); }
        }

        /// <summary>Windows flagged since the baseline became ready.</summary>
        public long Anomalies
        {
            get { return (uint)Count(5); }
        }

        /// <summary>Per-feature means learned so far.</summary>
        public float[] Means
        {
            get
            {
                float[] means = new float[FeatureCount];
                Check(NativeStatistics(_handle, means, _none));
                return means;
            }
        }

        /// <summary>Per-feature variances learned so far (sample variance, n − 1).</summary>
        public float[] Variances
        {
            get
            {
                float[] variances = new float[FeatureCount];
                Check(NativeStatistics(_handle, _none, variances));
                return variances;
            }
        }

        /// <summary>Learns from the window while calibrating; scores, flags and counts it once ready.</summary>
        /// <exception cref="TinyMlException">A feature is not finite (nothing changes).</exception>
        public AnomalyResult Feed(float[] features)
        {
            Arguments.NotNull(features, "features");
            CheckFeatures(features);
            int[] result = new int[3];
            Check(NativeFeed(_handle, features, _score, result));
            return new AnomalyResult(_score[0], result[0] != 0, result[1] != 0, (AnomalyPhase)result[2]);
        }

        /// <summary>The window's score against the statistics so far, changing nothing.</summary>
        /// <exception cref="TinyMlException">Fewer than two windows learned, or a feature is not finite.</exception>
        public float Score(float[] features)
        {
            Arguments.NotNull(features, "features");
            CheckFeatures(features);
            int status = NativeScore(_handle, features, _score);
            if (status == (int)TinyMlStatus.State)
            {
                throw new TinyMlException(TinyMlStatus.State,
                    "the baseline has learned fewer than two windows: nothing to score against");
            }

            Check(status);
            return _score[0];
        }

        /// <summary>Starts calibrating again, with the same settings.</summary>
        public void Recalibrate()
        {
            CheckLive();
            Check(NativeRecalibrate(_handle));
        }

        /// <summary>The whole baseline as bytes (versioned, with its feature count and a CRC-32).</summary>
        public byte[] Save()
        {
            CheckLive();
            byte[] bytes = new byte[NativeSerializedBytes(_handle)];
            Check(NativeSave(_handle, bytes));
            return bytes;
        }

        /// <summary>
        /// Replaces this baseline with one from <see cref="Save"/>, which must have the same feature count. Bytes of
        /// another version, size or feature count, or failing their CRC, are refused and this baseline stays as it was.
        /// </summary>
        /// <exception cref="TinyMlException">The bytes were refused; the message says why.</exception>
        public void Restore(byte[] bytes)
        {
            Arguments.NotNull(bytes, "bytes");
            CheckLive();
            Check(NativeRestore(_handle, bytes));
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

        // custom 0: the engine's defaults for featureCount and calibrationWindows; 1: with warm-up, quantile and margin.
        private void Create(int featureCount, int calibrationWindows, int warmupWindows, float quantile, float margin,
            int custom)
        {
            Arguments.NotNegative(featureCount, "featureCount");
            Arguments.NotNegative(calibrationWindows, "calibrationWindows");
            int[] handle = new int[1];
            int status = NativeCreate(featureCount, calibrationWindows, warmupWindows, quantile, margin, custom, handle);
            if (status != 0)
            {
                throw new TinyMlException((TinyMlStatus)status, NativeErrorText(0));
            }

            _handle = handle[0];
        }

        private void CheckFeatures(float[] features)
        {
            int expected = FeatureCount;
            if (features.Length != expected)
            {
                throw new ArgumentException("the baseline has " + expected.ToString() + " features, the array " +
                    features.Length.ToString(), "features");
            }
        }

        private int Count(int index)
        {
            CheckLive();
            NativeState(_handle, _counts, _values);
            return _counts[index];
        }

        private float Value(int index)
        {
            CheckLive();
            NativeState(_handle, _counts, _values);
            return _values[index];
        }

        private void CheckLive()
        {
            if (_handle == 0)
            {
                throw new ObjectDisposedException("AnomalyBaseline");
            }
        }

        private void Check(int status)
        {
            if (status != 0)
            {
                throw new TinyMlException((TinyMlStatus)status, NativeErrorText(_handle));
            }
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCreate(int featureCount, int calibrationWindows, int warmupWindows, float quantile,
            float margin, int custom, int[] handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeRelease(int handle);

        // score: 1 value; result: scored, anomalous, phase.
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFeed(int handle, float[] features, float[] score, int[] result);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeScore(int handle, float[] features, float[] score);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRecalibrate(int handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeState(int handle, int[] counts, float[] values);

        // Either array may be empty to skip it.
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeStatistics(int handle, float[] means, float[] variances);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSerializedBytes(int handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSave(int handle, byte[] bytes);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeRestore(int handle, byte[] bytes);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern string NativeErrorText(int handle);
    }
}

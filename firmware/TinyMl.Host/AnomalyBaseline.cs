using System;
using TinyMl.Native;
using static TinyMl.Native.EngineMethods;

namespace TinyMl;

/// <summary>
/// The on-device anomaly baseline, run by the native engine: it learns the mean and variance of every feature over
/// a calibration period (the first CalibrationWindows windows fed), sets its threshold from the scores of its own
/// calibration windows (margin × their quantile), then scores each window (mean squared z-score) and flags those
/// above the threshold. <see cref="Save"/> and <see cref="Restore"/> keep a baseline across reboots.
/// docs/VIBRATION.md gives the details. Not thread-safe: use each instance from one thread at a time.
/// </summary>
public sealed unsafe class AnomalyBaseline : IDisposable
{
    public const int MaxFeatures = AnomalyLimits.MaxFeatures;

    private TmlAnomaly* _anomaly;
    private bool _disposed;

    /// <summary>Defaults: the first half of the calibration is warm-up, quantile 0.99, margin 1.5.</summary>
    /// <exception cref="TinyMlException">The engine refused the settings; the message says why.</exception>
    public AnomalyBaseline(int featureCount, int calibrationWindows)
    {
        TmlAnomalyConfig config = DefaultConfig(featureCount, calibrationWindows);
        Create(&config);
    }

    /// <param name="featureCount">Features per window, 1 to <see cref="MaxFeatures"/>.</param>
    /// <param name="calibrationWindows">Windows that calibrate (at most 65535).</param>
    /// <param name="warmupWindows">Of those, the first ones only learn (at least 2); the rest are also scored for the threshold.</param>
    /// <param name="quantile">Of the calibration scores, in (0, 1].</param>
    /// <param name="margin">Threshold = margin · quantile score; at least 1.</param>
    /// <exception cref="TinyMlException">The engine refused the settings; the message says why.</exception>
    public AnomalyBaseline(int featureCount, int calibrationWindows, int warmupWindows, float quantile, float margin)
    {
        if (warmupWindows < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupWindows), warmupWindows, "must not be negative");
        }

        TmlAnomalyConfig config = DefaultConfig(featureCount, calibrationWindows);
        config.WarmupWindows = (uint)warmupWindows;
        config.Quantile = quantile;
        config.Margin = margin;
        Create(&config);
    }

    ~AnomalyBaseline() => NativeBlock.Free(ref _anomaly);

    public int FeatureCount => (int)Live()->Config.FeatureCount;

    public int CalibrationWindows => (int)Live()->Config.CalibrationWindows;

    public int WarmupWindows => (int)Live()->Config.WarmupWindows;

    public float Quantile => Live()->Config.Quantile;

    public float Margin => Live()->Config.Margin;

    public AnomalyPhase Phase => (AnomalyPhase)Live()->Phase;

    /// <summary>Scores above it are anomalies; 0 while calibrating.</summary>
    public float Threshold => Live()->Threshold;

    /// <summary>Windows fed, calibration included.</summary>
    public long Windows => Live()->Windows;

    /// <summary>Windows flagged since the baseline became ready.</summary>
    public long Anomalies => Live()->Anomalies;

    /// <summary>Per-feature means learned so far.</summary>
    public float[] Means => Statistics(variances: false);

    /// <summary>Per-feature variances learned so far (sample variance, n − 1).</summary>
    public float[] Variances => Statistics(variances: true);

    /// <summary>Learns from the window while calibrating; scores, flags and counts it once ready.</summary>
    /// <exception cref="TinyMlException">A feature is not finite (nothing changes).</exception>
    public AnomalyResult Feed(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        TmlAnomaly* a = Live();
        CheckLength(features, (int)a->Config.FeatureCount);
        TmlAnomalyResult r;
        TinyMlStatus status;
        fixed (float* f = features)
        {
            status = tml_anomaly_feed(a, f, (nuint)features.Length, &r);
        }

        Check(status);
        return new AnomalyResult(r.Score, r.Scored != 0, r.Anomalous != 0, (AnomalyPhase)r.Phase);
    }

    /// <summary>The window's score against the statistics so far, changing nothing.</summary>
    /// <exception cref="TinyMlException">Fewer than two windows learned, or a feature is not finite.</exception>
    public float Score(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        TmlAnomaly* a = Live();
        CheckLength(features, (int)a->Config.FeatureCount);
        float score;
        TinyMlStatus status;
        fixed (float* f = features)
        {
            status = tml_anomaly_score(a, f, (nuint)features.Length, &score);
        }

        if (status == TinyMlStatus.State)
        {
            throw new TinyMlException(status, "the baseline has learned fewer than two windows: nothing to score against");
        }

        Check(status);
        return score;
    }

    /// <summary>Starts calibrating again, with the same settings.</summary>
    public void Recalibrate()
    {
        TmlAnomaly* a = Live();
        TmlAnomalyConfig config = a->Config;
        Check(tml_anomaly_init(a, &config));
    }

    /// <summary>The whole baseline as bytes (versioned, with its feature count and a CRC-32).</summary>
    public byte[] Save()
    {
        TmlAnomaly* a = Live();
        byte[] bytes = new byte[(int)tml_anomaly_serialized_bytes(a)];
        nuint written;
        TinyMlStatus status;
        fixed (byte* b = bytes)
        {
            status = tml_anomaly_serialize(a, b, (nuint)bytes.Length, &written);
        }

        Check(status);
        return bytes;
    }

    /// <summary>
    /// Replaces this baseline with one from <see cref="Save"/>, which must have the same feature count. Bytes of
    /// another version, size or feature count, or failing their CRC, are refused and this baseline stays as it was.
    /// </summary>
    /// <exception cref="TinyMlException">The bytes were refused; the message says why.</exception>
    public void Restore(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        TmlAnomaly* a = Live();
        TinyMlStatus status;
        fixed (byte* b = bytes)
        {
            status = tml_anomaly_deserialize(a, b, (nuint)bytes.Length, a->Config.FeatureCount);
        }

        Check(status);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeBlock.Free(ref _anomaly);
        GC.SuppressFinalize(this);
    }

    private static TmlAnomalyConfig DefaultConfig(int featureCount, int calibrationWindows)
    {
        if (featureCount < 0 || calibrationWindows < 0)
        {
            throw new ArgumentOutOfRangeException(featureCount < 0 ? nameof(featureCount) : nameof(calibrationWindows),
                "must not be negative");
        }

        TmlAnomalyConfig config;
        TinyMlStatus status = tml_anomaly_default_config(&config, (uint)featureCount, (uint)calibrationWindows);
        if (status != TinyMlStatus.Ok)
        {
            throw Failure(status, null);
        }

        return config;
    }

    private void Create(TmlAnomalyConfig* config)
    {
        _anomaly = NativeBlock.Allocate<TmlAnomaly>();
        TinyMlStatus status = tml_anomaly_init(_anomaly, config);
        if (status != TinyMlStatus.Ok)
        {
            TinyMlException error = Failure(status, tml_anomaly_error(_anomaly));
            NativeBlock.Free(ref _anomaly);
            GC.SuppressFinalize(this);
            throw error;
        }
    }

    private float[] Statistics(bool variances)
    {
        TmlAnomaly* a = Live();
        float[] values = new float[a->Config.FeatureCount];
        fixed (float* v = values)
        {
            Check(variances ? tml_anomaly_statistics(a, null, v, (nuint)values.Length)
                : tml_anomaly_statistics(a, v, null, (nuint)values.Length));
        }

        return values;
    }

    private static void CheckLength(float[] features, int expected)
    {
        if (features.Length != expected)
        {
            throw new ArgumentException($"the baseline has {expected} features, the array {features.Length}", nameof(features));
        }
    }

    private void Check(TinyMlStatus status)
    {
        if (status != TinyMlStatus.Ok)
        {
            throw Failure(status, tml_anomaly_error(_anomaly));
        }

        GC.KeepAlive(this);
    }

    private TmlAnomaly* Live()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _anomaly;
    }
}

using System;
using TinyMl.Native;
using static TinyMl.Native.EngineMethods;

namespace TinyMl;

/// <summary>
/// Features of windows of IMU samples (int16 counts, 1 to 3 axes interleaved), computed by the native engine: per axis
/// RMS, peak and crest (of the samples minus the window's mean, in g), kurtosis (not excess), then the natural log of
/// the energy (g²) in each frequency band. As floats for <see cref="AnomalyBaseline"/>, and optionally as the int8
/// input of an autoencoder (see <see cref="SetNormalization"/>). docs/VIBRATION.md defines every feature exactly.
/// Not thread-safe: use each instance from one thread at a time.
/// </summary>
public sealed unsafe class VibrationFeatures : IDisposable
{
    public const int MinWindow = VibrationLimits.MinWindow;
    public const int MaxWindow = VibrationLimits.MaxWindow;
    public const int MaxAxes = VibrationLimits.MaxAxes;
    public const int MaxBands = VibrationLimits.MaxBands;

    /// <summary>Features of one axis before its bands: RMS, peak, crest, kurtosis.</summary>
    public const int TimeFeatures = VibrationLimits.TimeFeatures;

    public const int RmsIndex = 0;
    public const int PeakIndex = 1;
    public const int CrestIndex = 2;
    public const int KurtosisIndex = 3;
    public const int FirstBandIndex = 4;

    private TmlVibration* _vibration;
    private byte* _workspace;
    private nuint _workspaceBytes;
    private bool _disposed;

    /// <summary>Equal-width bands from 0 Hz to Nyquist.</summary>
    /// <param name="window">Samples per axis: a power of two from 64 to 4096.</param>
    /// <param name="axes">1 to 3.</param>
    /// <param name="sampleRateHz">Of each axis.</param>
    /// <param name="fullScaleG">The sensor's range: a count is fullScaleG / 32768 g.</param>
    /// <param name="bandCount">0 to <see cref="MaxBands"/>.</param>
    /// <exception cref="TinyMlException">The engine refused the settings; the message says why.</exception>
    public VibrationFeatures(int window, int axes, float sampleRateHz, float fullScaleG, int bandCount)
    {
        if (bandCount < 0 || bandCount > MaxBands)
        {
            throw new ArgumentOutOfRangeException(nameof(bandCount), bandCount, $"0 to {MaxBands} bands");
        }

        Create(window, axes, sampleRateHz, fullScaleG, bandCount, null);
    }

    /// <summary>Bands between consecutive edges (Hz, increasing, the last at most Nyquist): bandEdgesHz.Length − 1 bands.</summary>
    /// <exception cref="TinyMlException">The engine refused the settings; the message says why.</exception>
    public VibrationFeatures(int window, int axes, float sampleRateHz, float fullScaleG, float[] bandEdgesHz)
    {
        ArgumentNullException.ThrowIfNull(bandEdgesHz);
        if (bandEdgesHz.Length < 2 || bandEdgesHz.Length > MaxBands + 1)
        {
            throw new ArgumentException($"2 to {MaxBands + 1} band edges (1 to {MaxBands} bands)", nameof(bandEdgesHz));
        }

        Create(window, axes, sampleRateHz, fullScaleG, bandEdgesHz.Length - 1, bandEdgesHz);
    }

    ~VibrationFeatures() => FreeNative();

    public int Window => (int)Live()->Config.Window;

    public int Axes => (int)Live()->Config.Axes;

    public float SampleRateHz => Live()->Config.SampleRateHz;

    public float FullScaleG => Live()->Config.FullScaleG;

    public int BandCount => (int)Live()->Config.BandCount;

    /// <summary><see cref="TimeFeatures"/> + <see cref="BandCount"/>: axis a's feature j is at a · FeaturesPerAxis + j.</summary>
    public int FeaturesPerAxis => TimeFeatures + BandCount;

    public int FeatureCount => (int)Live()->FeatureCount;

    /// <summary>Samples of one window: <see cref="Window"/> · <see cref="Axes"/>.</summary>
    public int SamplesPerWindow => Window * Axes;

    public VibrationArithmetic Arithmetic { get; set; }

    /// <summary>The band edges in Hz (BandCount + 1 values).</summary>
    public float[] BandEdgesHz
    {
        get
        {
            TmlVibration* v = Live();
            float[] edges = new float[v->Config.BandCount + 1];
            for (int i = 0; i < edges.Length; i++)
            {
                edges[i] = v->Config.BandEdgesHz[i];
            }

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
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(scales);
        int count = FeatureCount;
        CheckLength(offsets, count, nameof(offsets));
        CheckLength(scales, count, nameof(scales));
        TmlVibrationConfig candidate = _vibration->Config;
        for (int i = 0; i < count; i++)
        {
            candidate.FeatureOffset[i] = offsets[i];
            candidate.FeatureScale[i] = scales[i];
        }

        candidate.InputScale = inputScale;
        candidate.InputZeroPoint = inputZeroPoint;
        Init(&candidate);
    }

    /// <summary>The features of one window (<see cref="SamplesPerWindow"/> samples).</summary>
    public float[] Compute(short[] samples)
    {
        float[] features = new float[FeatureCount];
        Compute(samples, features);
        return features;
    }

    /// <summary>The features of one window into features (<see cref="FeatureCount"/> long).</summary>
    public void Compute(short[] samples, float[] features) => Run(samples, features, null);

    /// <summary>The features of one window, as floats and as the model's int8 input (both <see cref="FeatureCount"/> long).</summary>
    public void Compute(short[] samples, float[] features, sbyte[] quantized)
    {
        ArgumentNullException.ThrowIfNull(quantized);
        Run(samples, features, quantized);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        FreeNative();
        GC.SuppressFinalize(this);
    }

    private void Create(int window, int axes, float sampleRateHz, float fullScaleG, int bandCount, float[]? edges)
    {
        if (window < 0 || axes < 0)
        {
            throw new ArgumentOutOfRangeException(window < 0 ? nameof(window) : nameof(axes), "must not be negative");
        }

        try
        {
            _vibration = NativeBlock.Allocate<TmlVibration>();
            TmlVibrationConfig config;
            Check(tml_vibration_default_config(&config, (uint)window, (uint)axes, sampleRateHz, fullScaleG, (uint)bandCount));
            if (edges != null)
            {
                for (int i = 0; i < edges.Length; i++)
                {
                    config.BandEdgesHz[i] = edges[i];
                }
            }

            Init(&config);
        }
        catch
        {
            FreeNative();
            GC.SuppressFinalize(this);
            throw;
        }
    }

    // Validates a config into the state; on failure the previous state stays in use.
    private void Init(TmlVibrationConfig* config)
    {
        TmlVibration* candidate = NativeBlock.Allocate<TmlVibration>();
        try
        {
            TinyMlStatus status = tml_vibration_init(candidate, config);
            if (status != TinyMlStatus.Ok)
            {
                throw Failure(status, tml_vibration_error(candidate));
            }

            nuint bytes = tml_vibration_workspace_bytes(candidate);
            byte* workspace = NativeBlock.Allocate(bytes);
            NativeBlock.Free(ref _workspace);
            _workspace = workspace;
            _workspaceBytes = bytes;
            *_vibration = *candidate;
        }
        finally
        {
            NativeBlock.Free(ref candidate);
        }
    }

    private void Run(short[] samples, float[] features, sbyte[]? quantized)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(features);
        TmlVibration* v = Live();
        CheckLength(samples, (int)(v->Config.Window * v->Config.Axes), nameof(samples));
        CheckLength(features, (int)v->FeatureCount, nameof(features));
        if (quantized != null)
        {
            CheckLength(quantized, (int)v->FeatureCount, nameof(quantized));
        }

        TinyMlStatus status;
        fixed (short* s = samples)
        fixed (float* f = features)
        fixed (sbyte* q = quantized)
        {
            status = Arithmetic switch
            {
                VibrationArithmetic.Float => tml_vibration_compute_float(v, s, (nuint)samples.Length, _workspace,
                    _workspaceBytes, f, q, (nuint)features.Length),
                VibrationArithmetic.FixedPoint => tml_vibration_compute_fixed(v, s, (nuint)samples.Length, _workspace,
                    _workspaceBytes, f, q, (nuint)features.Length),
                _ => tml_vibration_compute(v, s, (nuint)samples.Length, _workspace, _workspaceBytes, f, q,
                    (nuint)features.Length),
            };
        }

        if (status != TinyMlStatus.Ok)
        {
            throw Failure(status, tml_vibration_error(v));
        }

        GC.KeepAlive(this);
    }

    private static void CheckLength(Array array, int expected, string paramName)
    {
        if (array.Length != expected)
        {
            throw new ArgumentException($"{paramName} must hold {expected} values, not {array.Length}", paramName);
        }
    }

    private static void Check(TinyMlStatus status)
    {
        if (status != TinyMlStatus.Ok)
        {
            throw Failure(status, null);
        }
    }

    private TmlVibration* Live()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _vibration;
    }

    private void FreeNative()
    {
        NativeBlock.Free(ref _workspace);
        NativeBlock.Free(ref _vibration);
    }
}

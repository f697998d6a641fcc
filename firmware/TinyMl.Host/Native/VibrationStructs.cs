using System.Runtime.InteropServices;

namespace TinyMl.Native;

// tinyml/vibration.h and tinyml/anomaly.h's structs, field for field. They live in native memory: the engine writes
// them on every call. VibrationLayoutTests checks the sizes against what the engine clears.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TmlVibrationConfig
{
    public uint Window;
    public uint Axes;
    public float SampleRateHz;
    public float FullScaleG;
    public uint BandCount;
    public fixed float BandEdgesHz[VibrationLimits.MaxBands + 1];
    public fixed float FeatureOffset[VibrationLimits.MaxFeatures];
    public fixed float FeatureScale[VibrationLimits.MaxFeatures];
    public float InputScale;
    public int InputZeroPoint;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TmlVibration
{
    public TmlVibrationConfig Config;
    public uint FeatureCount;
    public uint Log2Window;
    public fixed uint BandFirstBin[VibrationLimits.MaxBands];
    public fixed uint BandEndBin[VibrationLimits.MaxBands];
    public float GPerCount;
    public fixed byte Error[EngineLimits.ErrorTextBytes];
}

[StructLayout(LayoutKind.Sequential)]
internal struct TmlAnomalyConfig
{
    public uint FeatureCount;
    public uint CalibrationWindows;
    public uint WarmupWindows;
    public float Quantile;
    public float Margin;
    public float VarianceFloorAbsolute;
    public float VarianceFloorRelative;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TmlAnomaly
{
    public TmlAnomalyConfig Config;
    public int Phase;
    public uint Windows;
    public uint Learned;
    public uint Anomalies;
    public float Threshold;
    public fixed float Mean[AnomalyLimits.MaxFeatures];
    public fixed float M2[AnomalyLimits.MaxFeatures];
    public fixed ushort Histogram[AnomalyLimits.HistogramBins];
    public fixed byte Error[EngineLimits.ErrorTextBytes];
}

[StructLayout(LayoutKind.Sequential)]
internal struct TmlAnomalyResult
{
    public float Score;
    public int Scored;
    public int Anomalous;
    public int Phase;
}

internal static class VibrationLimits
{
    public const int MinWindow = 64;      // TML_VIB_MIN_WINDOW
    public const int MaxWindow = 4096;    // TML_VIB_MAX_WINDOW
    public const int MaxAxes = 3;         // TML_VIB_MAX_AXES
    public const int MaxBands = 32;       // TML_VIB_MAX_BANDS
    public const int TimeFeatures = 4;    // TML_VIB_TIME_FEATURES
    public const int MaxFeatures = MaxAxes * (TimeFeatures + MaxBands); // TML_VIB_MAX_FEATURES
}

internal static class AnomalyLimits
{
    public const int MaxFeatures = 128;    // TML_ANOMALY_MAX_FEATURES
    public const int HistogramBins = 512;  // TML_ANOMALY_HISTOGRAM_BINS
}

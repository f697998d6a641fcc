using System.Runtime.InteropServices;

namespace TinyMl.Native;

// The vibration features and anomaly baseline entry points (tinyml/vibration.h, tinyml/anomaly.h).
internal static unsafe partial class EngineMethods
{
    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_vibration_default_config(TmlVibrationConfig* config, uint window, uint axes,
        float sampleRateHz, float fullScaleG, uint bandCount);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_vibration_init(TmlVibration* vibration, TmlVibrationConfig* config);

    [LibraryImport(Library)]
    internal static partial byte* tml_vibration_error(TmlVibration* vibration);

    [LibraryImport(Library)]
    internal static partial nuint tml_vibration_workspace_bytes(TmlVibration* vibration);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_vibration_compute(TmlVibration* vibration, short* samples, nuint sampleCount,
        void* workspace, nuint workspaceBytes, float* features, sbyte* quantized, nuint featureCount);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_vibration_compute_float(TmlVibration* vibration, short* samples,
        nuint sampleCount, void* workspace, nuint workspaceBytes, float* features, sbyte* quantized, nuint featureCount);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_vibration_compute_fixed(TmlVibration* vibration, short* samples,
        nuint sampleCount, void* workspace, nuint workspaceBytes, float* features, sbyte* quantized, nuint featureCount);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_anomaly_default_config(TmlAnomalyConfig* config, uint featureCount,
        uint calibrationWindows);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_anomaly_init(TmlAnomaly* anomaly, TmlAnomalyConfig* config);

    [LibraryImport(Library)]
    internal static partial byte* tml_anomaly_error(TmlAnomaly* anomaly);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_anomaly_feed(TmlAnomaly* anomaly, float* features, nuint count,
        TmlAnomalyResult* result);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_anomaly_score(TmlAnomaly* anomaly, float* features, nuint count, float* score);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_anomaly_statistics(TmlAnomaly* anomaly, float* mean, float* variance,
        nuint count);

    [LibraryImport(Library)]
    internal static partial nuint tml_anomaly_serialized_bytes(TmlAnomaly* anomaly);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_anomaly_serialize(TmlAnomaly* anomaly, void* output, nuint capacity,
        nuint* written);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_anomaly_deserialize(TmlAnomaly* anomaly, void* bytes, nuint size,
        uint expectedFeatureCount);
}

namespace TinyMlDevice.Core.Tests;

/// <summary>nf.config texts for the tests.</summary>
internal static class Configs
{
    /// <summary>
    /// The micro_speech conformance model with its labels (expected_labels.json order), an inference every frame, and
    /// nf.config's default smoothing: 1 s average, threshold 0.8, 1 s refractory period.
    /// </summary>
    public const string MicroSpeechKws = """
        [kws]
        model = micro_speech_quantized.tflite
        labels = silence,unknown,yes,no
        ignore_labels = silence,unknown
        stride_frames = 1
        average_window_ms = 1000
        threshold = 0.8
        refractory_ms = 1000
        """;

    public const string NoVibration = """
        [vibration]
        enabled = false
        """;

    public const string NoKws = """
        [kws]
        enabled = false
        """;

    /// <summary>Small windows at 1 kHz: a window every 128 ms, calibrated after 5 s.</summary>
    public const string SmallVibration = """
        [imu]
        odr_hz = 1000
        [vibration]
        model =
        window_samples = 256
        overlap = 0.5
        bands = 8
        learn_normal_s = 5
        alarm_on_windows = 3
        alarm_off_windows = 4
        summary_interval_s = 2
        """;

    public static string Join(params string[] parts) => string.Join("\n", parts);
}

using System.Globalization;
using TinyMl.Toolkit.Data;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Evaluation;

/// <summary>
/// How a vibration model's input is made, as the device makes it: recordings at SampleRateHz, int16 counts at
/// ±FullScaleG, windows of Window samples per axis every Hop, the native features (docs/VIBRATION.md), normalized
/// x = (f − offset) / scale. Stored in the float model's metadata under "vibration.*" keys and carried into the
/// .tflite's "tinyml" metadata; missing keys take nf.config's defaults.
/// </summary>
public sealed record VibrationSettings
{
    public const string Prefix = "vibration.";

    public int SampleRateHz { get; init; } = 1000;
    public int Window { get; init; } = 1024;
    public int Hop { get; init; } = 512;
    public int Axes { get; init; } = 3;
    public float FullScaleG { get; init; } = 4f;

    /// <summary>Equal-width bands from 0 Hz to Nyquist (when BandEdgesHz is null).</summary>
    public int Bands { get; init; } = 16;

    public float[]? BandEdgesHz { get; init; }

    /// <summary>Per feature; null: 0 (offsets) and 1 (scales).</summary>
    public float[]? FeatureOffsets { get; init; }
    public float[]? FeatureScales { get; init; }

    public int FeatureCount => Axes * (TinyMl.VibrationFeatures.TimeFeatures + (BandEdgesHz is { } e ? e.Length - 1 : Bands));

    public static VibrationSettings FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        var d = new VibrationSettings();
        string? Get(string key) => metadata.TryGetValue(Prefix + key, out var v) ? v : null;
        int Int(string key, int fallback) => Get(key) is { } v
            ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : throw new ModelException($"metadata {Prefix}{key} = '{v}' is not an integer")
            : fallback;
        float[]? Floats(string key) => Get(key) is { } v
            ? v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s =>
                float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : throw new ModelException($"metadata {Prefix}{key}: '{s}' is not a number")).ToArray()
            : null;
        var window = Int("window", d.Window);
        var settings = new VibrationSettings
        {
            SampleRateHz = Int("sample_rate_hz", d.SampleRateHz),
            Window = window,
            Hop = Int("hop", window / 2),
            Axes = Int("axes", d.Axes),
            FullScaleG = Floats("full_scale_g") is [var g] ? g : d.FullScaleG,
            Bands = Int("bands", d.Bands),
            BandEdgesHz = Floats("band_edges_hz"),
            FeatureOffsets = Floats("feature_offsets"),
            FeatureScales = Floats("feature_scales"),
        };
        if (settings.Hop < 1 || settings.SampleRateHz < 1) throw new ModelException("vibration hop and sample rate must be positive");
        foreach (var (name, values) in new[] { ("feature_offsets", settings.FeatureOffsets), ("feature_scales", settings.FeatureScales) })
            if (values is not null && values.Length != settings.FeatureCount)
                throw new ModelException($"metadata {Prefix}{name} has {values.Length} values for {settings.FeatureCount} features");
        return settings;
    }

    /// <summary>The metadata entries a trainer writes into the float model.</summary>
    public Dictionary<string, string> ToMetadata()
    {
        var inv = CultureInfo.InvariantCulture;
        string Join(float[] v) => string.Join(",", v.Select(x => x.ToString("R", inv)));
        var m = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["features"] = "vibration",
            [Prefix + "sample_rate_hz"] = SampleRateHz.ToString(inv),
            [Prefix + "window"] = Window.ToString(inv),
            [Prefix + "hop"] = Hop.ToString(inv),
            [Prefix + "axes"] = Axes.ToString(inv),
            [Prefix + "full_scale_g"] = FullScaleG.ToString("R", inv),
            [Prefix + "bands"] = Bands.ToString(inv),
        };
        if (BandEdgesHz is { } e) m[Prefix + "band_edges_hz"] = Join(e);
        if (FeatureOffsets is { } o) m[Prefix + "feature_offsets"] = Join(o);
        if (FeatureScales is { } s) m[Prefix + "feature_scales"] = Join(s);
        return m;
    }

    /// <summary>The native feature extractor for these settings (normalization not yet set).</summary>
    public TinyMl.VibrationFeatures CreateFeatures() => BandEdgesHz is { } edges
        ? new TinyMl.VibrationFeatures(Window, Axes, SampleRateHz, FullScaleG, edges)
        : new TinyMl.VibrationFeatures(Window, Axes, SampleRateHz, FullScaleG, Bands);

    public float[] Offsets => FeatureOffsets ?? new float[FeatureCount];

    public float[] Scales => FeatureScales ?? Enumerable.Repeat(1f, FeatureCount).ToArray();

    /// <summary>x = (f − offset) / scale: the float model's input for a feature vector.</summary>
    public float[] Normalize(float[] features)
    {
        var offsets = Offsets;
        var scales = Scales;
        return features.Select((f, i) => (f - offsets[i]) / scales[i]).ToArray();
    }

    /// <summary>
    /// The recording at the model's rate as int16 counts (the IMU's ±FullScaleG range, saturating), cut into windows of
    /// Window samples per axis every Hop, axes interleaved: what the device hands the native features.
    /// </summary>
    public List<short[]> Windows(VibrationRecording recording, string name)
    {
        if (recording.Channels.Length != Axes)
            throw new DataFormatException($"{name}: {recording.Channels.Length} axes, the model takes {Axes}");
        var at = Math.Abs(recording.SampleRateHz - SampleRateHz) < 1e-9 ? recording : recording.ResampledTo(SampleRateHz);
        var countsPerG = 32768.0 / FullScaleG;
        var windows = new List<short[]>();
        for (var start = 0; start + Window <= at.Length; start += Hop)
        {
            var samples = new short[Window * Axes];
            for (var n = 0; n < Window; n++)
                for (var a = 0; a < Axes; a++)
                    samples[n * Axes + a] = (short)Math.Clamp(Math.Round(at.Channels[a][start + n] * countsPerG, MidpointRounding.AwayFromZero), short.MinValue, short.MaxValue);
            windows.Add(samples);
        }
        return windows;
    }
}

using TinyMl.Toolkit.Data;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Quantization;

/// <summary>Where calibration inputs come from: the model's real features, computed as the device computes them.</summary>
public interface ICalibrationSource
{
    /// <summary>What was read, for the plan's notes.</summary>
    string Description { get; }

    /// <summary>An input quantization the device fixes (null: calibrate it like any activation).</summary>
    QuantParams? InputQuantization { get; }

    /// <summary>Up to `count` float model inputs, chosen deterministically from `seed`.</summary>
    IReadOnlyList<float[]> Samples(FloatModel model, int count, int seed, Action<int, int>? progress = null);
}

public static class CalibrationSources
{
    /// <summary>The kinds `tinyml quantize --features` accepts.</summary>
    public static readonly IReadOnlyDictionary<string, Func<string, ICalibrationSource>> Kinds = new Dictionary<string, Func<string, ICalibrationSource>>(StringComparer.Ordinal)
    {
        ["kws"] = folder => new KwsCalibrationSource(folder),
        ["vibration"] = folder => new VibrationCalibrationSource(folder),
    };

    /// <summary>The kind a model declares in its metadata ("features": micro_speech → kws).</summary>
    public static string? KindOf(FloatModel model) =>
        model.Metadata.TryGetValue("features", out var f) ? f switch
        {
            "micro_speech" or "kws" => "kws",
            _ => f,
        } : null;

    public static ICalibrationSource For(string kind, string folder) =>
        Kinds.TryGetValue(kind, out var make)
            ? make(folder)
            : throw new ModelException($"no calibration source for features '{kind}' (known: {string.Join(", ", Kinds.Keys)})");
}

/// <summary>
/// Keyword models: clips of a Speech Commands-layout folder, taken round-robin over the labels (shuffled per label by
/// the seed), through the native audio frontend; the model input is x = q / 128 and the exported input is fixed at
/// scale 1/128, zero point 0 so the device feeds the frontend's bytes unchanged.
/// </summary>
public sealed class KwsCalibrationSource(string folder) : ICalibrationSource
{
    public string Description => $"kws:{folder}";

    public QuantParams? InputQuantization => Quantizer.KwsInput;

    public IReadOnlyList<float[]> Samples(FloatModel model, int count, int seed, Action<int, int>? progress = null)
    {
        var expected = AudioFrontend.FrameCount(AudioFrontend.SampleRate) * AudioFrontend.FeaturesPerFrame;
        var inputs = model.InputShape.Aggregate(1, (a, b) => a * b);
        if (inputs != expected)
            throw new ModelException($"the model takes {inputs} inputs; one second of frontend features is {expected}");
        var clips = SpeechCommands.Load(folder);
        var rng = new Random(seed);
        var queues = clips.GroupBy(c => c.Label).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Queue<SpeechClip>(g.OrderBy(_ => rng.Next()))).ToList();
        var chosen = new List<SpeechClip>();
        while (chosen.Count < count && queues.Any(q => q.Count > 0))
            foreach (var q in queues.Where(q => q.Count > 0))
                if (chosen.Count < count) chosen.Add(q.Dequeue());

        var samples = new float[chosen.Count][];
        var done = 0;
        Parallel.For(0, chosen.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new AudioFrontend(),
            (i, _, frontend) =>
            {
                var pcm = SpeechCommands.OneSecond(WavFile.Read(chosen[i].Path).RequireMono16k(chosen[i].Path));
                samples[i] = frontend.ComputeFeatures(pcm).Select(q => q / 128f).ToArray();
                progress?.Invoke(Interlocked.Increment(ref done), chosen.Count);
                return frontend;
            },
            frontend => frontend.Dispose());
        return samples;
    }
}

/// <summary>
/// Vibration autoencoders: windows of DIR/normal/*.csv (resampled, int16 counts, windows as the model's
/// "vibration.*" metadata says) through the native vibration features, normalized x = (f − offset) / scale. The
/// input quantization is calibrated (healthy data's range; anomalies saturate, which still shows in the residual).
/// </summary>
public sealed class VibrationCalibrationSource(string folder) : ICalibrationSource
{
    public string Description => $"vibration:{folder}";

    public QuantParams? InputQuantization => null;

    public IReadOnlyList<float[]> Samples(FloatModel model, int count, int seed, Action<int, int>? progress = null)
    {
        var settings = Evaluation.VibrationSettings.FromMetadata(model.Metadata);
        if (model.InputShape.Aggregate(1, (a, b) => a * b) != settings.FeatureCount)
            throw new ModelException($"the model takes {model.InputShape.Aggregate(1, (a, b) => a * b)} inputs; its vibration settings give {settings.FeatureCount} features");
        var dir = Path.Combine(folder, "normal");
        var files = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.csv").OrderBy(f => f, StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0) throw new DataFormatException($"{folder}: no normal/*.csv to calibrate on");
        var windows = new List<short[]>();
        for (var i = 0; i < files.Count; i++)
        {
            windows.AddRange(settings.Windows(VibrationCsv.Read(files[i]), files[i]));
            progress?.Invoke(i + 1, files.Count);
        }
        var rng = new Random(seed);
        var chosen = windows.OrderBy(_ => rng.Next()).Take(count).ToList();
        using var features = settings.CreateFeatures();
        return chosen.Select(w => settings.Normalize(features.Compute(w))).ToList();
    }
}

using System.Globalization;
using TinyMl.Toolkit.Architectures;
using TinyMl.Toolkit.Data;
using TinyMl.Toolkit.Evaluation;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn.Vibration;

/// <summary>
/// Autoencoder training on healthy vibration: each CSV resampled, turned into int16 windows and native features
/// exactly as `tinyml eval vibration` and the device do (<see cref="VibrationSettings"/>), z-score normalized with the
/// training windows' statistics (stored as the model's feature offsets and scales), then
/// <see cref="DenseAutoencoder"/> trained on the vectors by <see cref="AutoencoderTask"/>.
/// </summary>
public static class VibrationTraining
{
    public static VibrationTrainingOutcome Run(VibrationTrainingOptions options, TrainingProgress? progress = null, CancellationToken cancel = default)
    {
        progress ??= new TrainingProgress();
        var files = options.DataFolders.SelectMany(Files).ToList();
        var recordings = new VibrationRecording[files.Count];
        var done = 0;
        Parallel.For(0, files.Count, i =>
        {
            recordings[i] = VibrationCsv.Read(files[i]);
            progress.Loading?.Invoke(Interlocked.Increment(ref done), files.Count);
        });
        var axes = recordings[0].Channels.Length;
        if (recordings.FirstOrDefault(r => r.Channels.Length != axes) is { } odd)
            throw new DataFormatException($"{files[Array.IndexOf(recordings, odd)]}: {odd.Channels.Length} axes, {files[0]} has {axes}");
        var settings = options.Settings with { Axes = axes, FeatureOffsets = null, FeatureScales = null };

        var features = new List<float[]>[files.Count];
        Parallel.For(0, files.Count, () => settings.CreateFeatures(), (i, _, extractor) =>
        {
            features[i] = settings.Windows(recordings[i], files[i]).Select(extractor.Compute).ToList();
            return extractor;
        }, extractor => extractor.Dispose());
        var training = new List<float[]>();
        var validation = new List<float[]>();
        for (var i = 0; i < files.Count; i++)
        {
            var held = (int)Math.Round(features[i].Count * options.ValidationFraction);
            training.AddRange(features[i].Take(features[i].Count - held));
            validation.AddRange(features[i].Skip(features[i].Count - held));
        }
        if (training.Count == 0)
            throw new DataFormatException($"no training windows: the recordings are shorter than one {settings.Window}-sample window at {settings.SampleRateHz} Hz");
        var (offsets, scales) = Standardization(training);
        settings = settings with { FeatureOffsets = offsets, FeatureScales = scales };
        progress.Message?.Invoke($"{files.Count} files, {training.Count} training windows, {validation.Count} validation windows, {settings.FeatureCount} features");

        var model = DenseAutoencoder.Create(settings.FeatureCount, options.Hidden, options.Bottleneck);
        Initializer.Initialize(model, options.Training.Seed);
        var network = Network.FromModel(model, batchNormMomentum: options.Training.BatchNormMomentum);
        var task = new AutoencoderTask(training.Select(settings.Normalize).ToList(), validation.Select(settings.Normalize).ToList(), options.Training.Seed);
        var epoch = 0;
        var result = TrainingLoop.Run(network, task, options.Training,
            (d, total) => progress.Batch?.Invoke(epoch + 1, d, total),
            report =>
            {
                epoch = report.Epoch;
                progress.Epoch?.Invoke(report);
            }, cancel);
        var trained = result.Model;
        foreach (var (k, v) in settings.ToMetadata()) trained.Metadata[k] = v;
        Describe(trained, options, files, result, training.Count, validation.Count);
        return new VibrationTrainingOutcome(trained, result, training.Count, validation.Count, files.Count);
    }

    /// <summary>Per feature: the mean, and the standard deviation (1 where a feature never varies).</summary>
    public static (float[] Offsets, float[] Scales) Standardization(IReadOnlyList<float[]> vectors)
    {
        var n = vectors[0].Length;
        var offsets = new float[n];
        var scales = new float[n];
        for (var j = 0; j < n; j++)
        {
            double mean = vectors.Average(v => (double)v[j]);
            var variance = vectors.Average(v => (v[j] - mean) * (v[j] - mean));
            offsets[j] = (float)mean;
            scales[j] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }
        return (offsets, scales);
    }

    private static IEnumerable<string> Files(string folder)
    {
        var normal = Path.Combine(folder, "normal");
        var dir = Directory.Exists(normal) ? normal : folder;
        if (!Directory.Exists(dir)) throw new DataFormatException($"{folder}: no such folder");
        var files = Directory.GetFiles(dir, "*.csv").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new DataFormatException($"{folder}: no normal/*.csv (nor *.csv) to train on");
        return files;
    }

    private static void Describe(FloatModel model, VibrationTrainingOptions o, IReadOnlyList<string> files, TrainingResult result,
        int trainingWindows, int validationWindows)
    {
        var inv = CultureInfo.InvariantCulture;
        var m = model.Metadata;
        var best = result.History[result.BestEpoch - 1];
        var footprint = Int8Footprint.Estimate(model);
        m["architecture"] = $"dense-autoencoder hidden={string.Join(",", o.Hidden)} bottleneck={o.Bottleneck}";
        m["macs"] = model.Macs().ToString(inv);
        m["parameters"] = model.ParameterCount().ToString(inv);
        m["int8_flash_estimate_bytes"] = footprint.FlashBytes.ToString(inv);
        m["int8_arena_estimate_bytes"] = footprint.ArenaBytes.ToString(inv);
        m["train.data"] = string.Join(";", o.DataFolders.Select(Path.GetFullPath));
        m["train.files"] = files.Count.ToString(inv);
        m["train.seed"] = o.Training.Seed.ToString(inv);
        m["train.epochs"] = o.Training.Epochs.ToString(inv);
        m["train.batch"] = o.Training.BatchSize.ToString(inv);
        m["train.learning_rate"] = o.Training.LearningRate.ToString(inv);
        m["train.training_windows"] = trainingWindows.ToString(inv);
        m["train.validation_windows"] = validationWindows.ToString(inv);
        m["train.best_epoch"] = result.BestEpoch.ToString(inv);
        m["train.validation_loss"] = best.ValidationLoss.ToString("R", inv);
        m["train.seconds"] = result.Seconds.ToString("F1", inv);
        m["train.processors"] = Environment.ProcessorCount.ToString(inv);
    }
}

using System.Globalization;
using System.Text.Json;
using TinyMl.Toolkit.Architectures;
using TinyMl.Toolkit.Data;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn.Kws;

/// <summary>
/// Keyword-spotting training from Speech Commands-layout folders: load, split speakers, build and initialize the DS-CNN,
/// train with augmentation through the native frontend, keep the best validation epoch, and describe it all in the
/// model's metadata.
/// </summary>
public static class KwsTraining
{
    public static KwsTrainingOutcome Run(KwsTrainingOptions options, TrainingProgress? progress = null, CancellationToken cancel = default)
    {
        progress ??= new TrainingProgress();
        var validationRoots = (options.ValidationFolders ?? options.DataFolders).Select(Path.GetFullPath).ToHashSet();
        var training = new List<KeywordClip>();
        var validation = new List<KeywordClip>();
        foreach (var folder in options.DataFolders)
        {
            var clips = KeywordClips.Load(folder, options.Labels, progress.Loading);
            var splittable = validationRoots.Contains(Path.GetFullPath(folder));
            var repeat = options.Oversample is { } o && o.TryGetValue(folder, out var n) ? n : 1;
            foreach (var clip in clips)
            {
                if (splittable && KeywordClips.IsValidation(clip.Group, options.ValidationFraction))
                    validation.Add(clip);
                else
                    for (var r = 0; r < repeat; r++) training.Add(clip);
            }
        }
        if (training.Count == 0) throw new DataFormatException("no training clips left after the validation split");
        var noise = options.NoiseFolder is null ? NoiseBank.Empty : NoiseBank.Load(options.NoiseFolder);
        var groups = validation.Select(c => c.Group).Distinct().OrderBy(g => g, StringComparer.Ordinal).ToList();
        progress.Message?.Invoke($"{training.Count} training clips, {validation.Count} validation clips ({groups.Count} held-out speakers/files), " +
                                 $"{noise.Count} noise recordings");

        var model = DsCnn.Create(options.Architecture, options.Labels);
        Initializer.Initialize(model, options.Training.Seed);
        var network = Network.FromModel(model, stopBeforeSoftmax: true, options.Training.BatchNormMomentum);
        using var features = new KwsFeatures();
        var task = new KwsTrainingTask(training, validation, options.Labels, noise, options.Augmentation, features,
            options.Training.Seed, options.UnknownShare, options.SilenceShare, options.LabelSmoothing);
        var epoch = 0;
        var result = TrainingLoop.Run(network, task, options.Training,
            (done, total) => progress.Batch?.Invoke(epoch + 1, done, total),
            report =>
            {
                epoch = report.Epoch;
                progress.Epoch?.Invoke(report);
            }, cancel);

        var trained = result.Model;
        Describe(trained, options, result, training.Count, validation.Count, groups.Count, task.EpochSize);
        return new KwsTrainingOutcome(trained, result, training.Count, validation.Count, groups, validation);
    }

    private static void Describe(FloatModel model, KwsTrainingOptions o, TrainingResult result, int trainingClips, int validationClips,
        int validationGroups, int epochSize)
    {
        var inv = CultureInfo.InvariantCulture;
        var best = result.History[result.BestEpoch - 1];
        var a = o.Architecture;
        var footprint = Int8Footprint.Estimate(model);
        var m = model.Metadata;
        m["features"] = "micro_speech";
        m["feature_config"] = KwsFeatures.Config;
        m["architecture"] = $"ds-cnn stem={a.StemChannels}@{a.StemKernelH}x{a.StemKernelW}/{a.StemStride} width={a.Width} blocks={a.Blocks} first_block_stride={a.FirstBlockStride}";
        m["macs"] = model.Macs().ToString(inv);
        m["parameters"] = model.ParameterCount().ToString(inv);
        m["int8_flash_estimate_bytes"] = footprint.FlashBytes.ToString(inv);
        m["int8_arena_estimate_bytes"] = footprint.ArenaBytes.ToString(inv);
        m["train.data"] = string.Join(";", o.DataFolders.Select(Path.GetFullPath));
        m["train.oversample"] = string.Join(";", (o.Oversample ?? new Dictionary<string, int>()).Select(kv => $"{Path.GetFullPath(kv.Key)}={kv.Value}"));
        m["train.validation_from"] = string.Join(";", (o.ValidationFolders ?? o.DataFolders).Select(Path.GetFullPath));
        m["train.validation_fraction"] = o.ValidationFraction.ToString(inv);
        m["train.noise"] = o.NoiseFolder is null ? "" : Path.GetFullPath(o.NoiseFolder);
        m["train.seed"] = o.Training.Seed.ToString(inv);
        m["train.epochs"] = o.Training.Epochs.ToString(inv);
        m["train.batch"] = o.Training.BatchSize.ToString(inv);
        m["train.learning_rate"] = o.Training.LearningRate.ToString(inv);
        m["train.weight_decay"] = o.Training.WeightDecay.ToString(inv);
        m["train.label_smoothing"] = o.LabelSmoothing.ToString(inv);
        m["train.augmentation"] = JsonSerializer.Serialize(o.Augmentation);
        m["train.training_clips"] = trainingClips.ToString(inv);
        m["train.samples_per_epoch"] = epochSize.ToString(inv);
        m["train.validation_clips"] = validationClips.ToString(inv);
        m["train.validation_groups"] = validationGroups.ToString(inv);
        m["train.best_epoch"] = result.BestEpoch.ToString(inv);
        m["train.validation_accuracy"] = best.ValidationAccuracy.ToString("R", inv);
        m["train.validation_loss"] = best.ValidationLoss.ToString("R", inv);
        m["train.seconds"] = result.Seconds.ToString("F1", inv);
        m["train.samples_per_second"] = (result.Samples / result.Seconds).ToString("F0", inv);
        m["train.processors"] = Environment.ProcessorCount.ToString(inv);
    }
}

using System.CommandLine;
using System.Globalization;
using TinyMl.Toolkit.Architectures;
using TinyMl.Toolkit.Data;
using TinyMl.Toolkit.Nn;
using TinyMl.Toolkit.Nn.Kws;

namespace TinyMl.Toolkit.Cli;

/// <summary><c>tinyml train kws</c> and <c>tinyml train vibration</c>: float training into a .tmf model.</summary>
public sealed class TrainVerbs : ICliVerbs
{
    public IEnumerable<Command> Commands()
    {
        var train = new Command("train", "Train a float model (.tmf) from data");
        train.Subcommands.Add(Kws());
        yield return train;
    }

    private static Command Kws()
    {
        var data = new Option<string[]>("--data") { Description = "Speech Commands-layout folder (repeatable); folders not named after a label count as _unknown_", Required = true };
        var output = new Option<string>("--out") { Description = "Float model to write (.tmf)", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training clips", DefaultValueFactory = _ => 60 };
        var batch = new Option<int>("--batch") { Description = "Clips per optimizer step", DefaultValueFactory = _ => 64 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of initialization, shuffling and augmentation", DefaultValueFactory = _ => 1UL };
        var width = new Option<int>("--width") { Description = "Channels of the pointwise convolutions", DefaultValueFactory = _ => 64 };
        var blocks = new Option<int>("--blocks") { Description = "Depthwise-separable blocks", DefaultValueFactory = _ => 4 };
        var stem = new Option<int>("--stem") { Description = "Channels of the first convolution", DefaultValueFactory = _ => 16 };
        var learningRate = new Option<float>("--learning-rate") { Description = "Peak learning rate (warm-up, then cosine decay)", DefaultValueFactory = _ => 3e-3f };
        var validationSpeakers = new Option<double>("--validation-speakers") { Description = "Share of speakers held out for validation (0..1)", DefaultValueFactory = _ => 0.1 };
        var validateOn = new Option<string[]>("--validate-on") { Description = "Take validation speakers only from these --data folders (repeatable; default: all)" };
        var noise = new Option<string?>("--noise") { Description = "Background noise WAVs (default: a _background_noise_ folder in or beside a --data folder)" };
        var noNoise = new Option<bool>("--no-noise") { Description = "No noise mixing; silence examples are digital silence" };
        var exportValidation = new Option<string?>("--export-validation") { Description = "Write the validation clips as a Speech Commands folder of symbolic links (for tinyml eval)" };
        var command = new Command("kws", "Train the keyword-spotting DS-CNN on 49x40 frontend features (x = q/128)")
        {
            data, output, epochs, batch, seed, width, blocks, stem, learningRate, validationSpeakers, validateOn, noise, noNoise, exportValidation,
        };
        command.SetAction(parse => CliJob.Guarded(() =>
        {
            var folders = parse.GetValue(data)!;
            var fraction = parse.GetValue(validationSpeakers);
            if (fraction is < 0 or >= 1) throw new ArgumentException($"--validation-speakers {fraction}: a share from 0 to below 1");
            var noiseFolder = parse.GetValue(noNoise) ? null : parse.GetValue(noise) ?? FindNoise(folders);
            var options = new KwsTrainingOptions
            {
                DataFolders = folders,
                ValidationFolders = parse.GetValue(validateOn) is { Length: > 0 } v ? v : null,
                ValidationFraction = fraction,
                NoiseFolder = noiseFolder,
                Architecture = new DsCnnOptions { Width = parse.GetValue(width), Blocks = parse.GetValue(blocks), StemChannels = parse.GetValue(stem) },
                Training = new TrainingOptions
                {
                    Epochs = parse.GetValue(epochs),
                    BatchSize = parse.GetValue(batch),
                    LearningRate = parse.GetValue(learningRate),
                    Seed = parse.GetValue(seed),
                },
            };
            if (options.Training.Epochs < 1 || options.Training.BatchSize < 1) throw new ArgumentException("--epochs and --batch must be positive");
            var footprint = Int8Footprint.Estimate(DsCnn.Create(options.Architecture, options.Labels));
            Console.WriteLine($"model: {footprint.Parameters} parameters, {footprint.Macs} MACs; int8 estimate: flash {footprint.FlashBytes} B, arena {footprint.ArenaBytes} B");
            Console.WriteLine($"noise: {noiseFolder ?? "none"}");
            var outcome = TrainProgress.Run(options.Training.Epochs, p => KwsTraining.Run(options, p));
            var path = parse.GetValue(output)!;
            outcome.Model.Save(path);
            if (parse.GetValue(exportValidation) is { } exportDir) ExportValidation(outcome.Validation, options.Labels, exportDir);
            var inv = CultureInfo.InvariantCulture;
            var m = outcome.Model.Metadata;
            Console.WriteLine($"best_epoch={outcome.Result.BestEpoch} validation_accuracy={m["train.validation_accuracy"]} " +
                              $"seconds={m["train.seconds"]} samples_per_second={m["train.samples_per_second"]} out={path}");
            return 0;
        }));
        return command;
    }

    private static string? FindNoise(IEnumerable<string> folders)
    {
        foreach (var folder in folders)
        {
            var full = Path.GetFullPath(folder);
            foreach (var candidate in new[] { Path.Combine(full, "_background_noise_"), Path.Combine(Path.GetDirectoryName(full) ?? full, "_background_noise_") })
                if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "*.wav").Length > 0) return candidate;
        }
        return null;
    }

    // <dir>/<label>/<file>.wav → the original clip, so `tinyml eval kws --data <dir>` scores exactly the held-out speakers.
    private static void ExportValidation(IReadOnlyList<KeywordClip> clips, IReadOnlyList<string> labels, string dir)
    {
        foreach (var clip in clips)
        {
            var folder = Path.Combine(dir, labels[clip.Label]);
            Directory.CreateDirectory(folder);
            var source = Path.GetFileName(Path.GetDirectoryName(clip.Path)) ?? "";
            var name = source == labels[clip.Label] ? Path.GetFileName(clip.Path) : $"{source}_{Path.GetFileName(clip.Path)}"; // other words: keep the word
            var link = Path.Combine(folder, name);
            if (File.Exists(link) || Directory.Exists(link)) File.Delete(link);
            File.CreateSymbolicLink(link, Path.GetFullPath(clip.Path));
        }
        Console.WriteLine($"validation clips: {clips.Count} linked under {dir}");
    }
}

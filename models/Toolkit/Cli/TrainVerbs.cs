using System.CommandLine;
using System.Globalization;
using TinyMl.Toolkit.Architectures;
using TinyMl.Toolkit.Data;
using TinyMl.Toolkit.Nn;
using TinyMl.Toolkit.Evaluation;
using TinyMl.Toolkit.Nn.Kws;
using TinyMl.Toolkit.Nn.Vibration;

namespace TinyMl.Toolkit.Cli;

/// <summary><c>tinyml train kws</c> and <c>tinyml train vibration</c>: float training into a .tmf model.</summary>
public sealed class TrainVerbs : ICliVerbs
{
    public IEnumerable<Command> Commands()
    {
        var train = new Command("train", "Train a float model (.tmf) from data");
        train.Subcommands.Add(Kws());
        train.Subcommands.Add(Vibration());
        yield return train;
    }

    private static Command Kws()
    {
        var data = new Option<string[]>("--data") { Description = "Speech Commands-layout folder (repeatable); folders not named after a label count as _unknown_", Required = true };
        var output = new Option<string>("--out") { Description = "Float model to write (.tmf)", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training clips", DefaultValueFactory = _ => 80 };
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
        var oversample = new Option<string[]>("--oversample") { Description = "DIR=N: the training clips of --data DIR count N times per epoch (repeatable)" };
        var exportValidation = new Option<string?>("--export-validation") { Description = "Write the validation clips as a Speech Commands folder of symbolic links (for tinyml eval)" };
        var command = new Command("kws", "Train the keyword-spotting DS-CNN on 49x40 frontend features (x = q/128)")
        {
            data, output, epochs, batch, seed, width, blocks, stem, learningRate, validationSpeakers, validateOn, oversample, noise, noNoise, exportValidation,
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
                Oversample = Repeats(parse.GetValue(oversample) ?? [], folders),
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
            var untrained = DsCnn.Create(options.Architecture, options.Labels);
            Initializer.Initialize(untrained, options.Training.Seed);
            var footprint = Int8Footprint.Estimate(untrained);
            Console.WriteLine($"model: {footprint.Parameters} parameters, {footprint.Macs} MACs; int8 estimate: flash {footprint.FlashBytes} B, arena {footprint.ArenaBytes} B");
            Console.WriteLine($"noise: {noiseFolder ?? "none"}");
            var outcome = TrainProgress.Run(options.Training.Epochs, p => KwsTraining.Run(options, p));
            var path = parse.GetValue(output)!;
            SaveWithHistory(outcome.Model, outcome.Result, path);
            if (parse.GetValue(exportValidation) is { } exportDir) ExportValidation(outcome.Validation, options.Labels, exportDir);
            var inv = CultureInfo.InvariantCulture;
            var m = outcome.Model.Metadata;
            Console.WriteLine($"best_epoch={outcome.Result.BestEpoch} validation_accuracy={m["train.validation_accuracy"]} " +
                              $"seconds={m["train.seconds"]} samples_per_second={m["train.samples_per_second"]} out={path}");
            return 0;
        }));
        return command;
    }

    private static Command Vibration()
    {
        var defaults = new VibrationSettings();
        var data = new Option<string[]>("--data") { Description = "Folder with normal/*.csv (healthy recordings; repeatable)", Required = true };
        var output = new Option<string>("--out") { Description = "Float model to write (.tmf)", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training windows", DefaultValueFactory = _ => 100 };
        var batch = new Option<int>("--batch") { Description = "Windows per optimizer step", DefaultValueFactory = _ => 32 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of initialization and shuffling", DefaultValueFactory = _ => 1UL };
        var rate = new Option<int>("--rate") { Description = "Sample rate of the model's windows, Hz (the IMU's output data rate)", DefaultValueFactory = _ => defaults.SampleRateHz };
        var window = new Option<int>("--window") { Description = "Samples per axis per window (power of two, 64-4096)", DefaultValueFactory = _ => defaults.Window };
        var hop = new Option<int?>("--hop") { Description = "Samples between window starts (default: window / 2)" };
        var fullScale = new Option<float>("--full-scale") { Description = "Sensor range, g (counts = g * 32768 / full scale)", DefaultValueFactory = _ => defaults.FullScaleG };
        var bands = new Option<int>("--bands") { Description = "Equal-width frequency bands per axis", DefaultValueFactory = _ => defaults.Bands };
        var hidden = new Option<string>("--hidden") { Description = "Encoder hidden widths, comma-separated (mirrored by the decoder)", DefaultValueFactory = _ => "32,16" };
        var bottleneck = new Option<int>("--bottleneck") { Description = "Bottleneck width", DefaultValueFactory = _ => 6 };
        var learningRate = new Option<float>("--learning-rate") { Description = "Peak learning rate (warm-up, then cosine decay)", DefaultValueFactory = _ => 2e-3f };
        var validation = new Option<double>("--validation-windows") { Description = "Share of each file's last windows held out for validation", DefaultValueFactory = _ => 0.2 };
        var command = new Command("vibration", "Train the vibration autoencoder on native features of healthy recordings")
        {
            data, output, epochs, batch, seed, rate, window, hop, fullScale, bands, hidden, bottleneck, learningRate, validation,
        };
        command.SetAction(parse => CliJob.Guarded(() =>
        {
            var fraction = parse.GetValue(validation);
            if (fraction is < 0 or >= 1) throw new ArgumentException($"--validation-windows {fraction}: a share from 0 to below 1");
            var widths = parse.GetValue(hidden)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(w => int.TryParse(w, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"--hidden: '{w}' is not a positive width"))
                .ToList();
            var options = new VibrationTrainingOptions
            {
                DataFolders = parse.GetValue(data)!,
                Settings = new VibrationSettings
                {
                    SampleRateHz = parse.GetValue(rate),
                    Window = parse.GetValue(window),
                    Hop = parse.GetValue(hop) ?? parse.GetValue(window) / 2,
                    FullScaleG = parse.GetValue(fullScale),
                    Bands = parse.GetValue(bands),
                },
                Hidden = widths,
                Bottleneck = parse.GetValue(bottleneck),
                ValidationFraction = fraction,
                Training = VibrationTrainingOptions.DefaultTraining with
                {
                    Epochs = parse.GetValue(epochs),
                    BatchSize = parse.GetValue(batch),
                    LearningRate = parse.GetValue(learningRate),
                    Seed = parse.GetValue(seed),
                },
            };
            if (options.Training.Epochs < 1 || options.Training.BatchSize < 1) throw new ArgumentException("--epochs and --batch must be positive");
            if (options.Settings.Hop < 1 || options.Settings.SampleRateHz < 1) throw new ArgumentException("--hop and --rate must be positive");
            var outcome = TrainProgress.Run(options.Training.Epochs, p => VibrationTraining.Run(options, p));
            var path = parse.GetValue(output)!;
            SaveWithHistory(outcome.Model, outcome.Result, path);
            var m = outcome.Model.Metadata;
            Console.WriteLine($"model: {m["parameters"]} parameters, {m["macs"]} MACs; int8 estimate: flash {m["int8_flash_estimate_bytes"]} B, arena {m["int8_arena_estimate_bytes"]} B");
            Console.WriteLine($"best_epoch={outcome.Result.BestEpoch} validation_loss={m["train.validation_loss"]} seconds={m["train.seconds"]} out={path}");
            return 0;
        }));
        return command;
    }

    // The per-epoch curves go beside the model, not into it: metadata travels into the .tflite and its flash budget.
    private static void SaveWithHistory(Model.FloatModel model, TrainingResult result, string path)
    {
        var history = path + ".history.json";
        model.Metadata["train.history_file"] = Path.GetFileName(history);
        model.Save(path);
        File.WriteAllText(history, result.HistoryJson());
    }

    private static Dictionary<string, int> Repeats(string[] specs, string[] folders)
    {
        var repeats = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var at = spec.LastIndexOf('=');
            if (at < 1 || !int.TryParse(spec[(at + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1)
                throw new ArgumentException($"--oversample {spec}: DIR=N with N a positive whole number");
            var folder = folders.FirstOrDefault(f => Path.GetFullPath(f) == Path.GetFullPath(spec[..at]))
                         ?? throw new ArgumentException($"--oversample {spec}: {spec[..at]} is not one of the --data folders");
            repeats[folder] = n;
        }
        return repeats;
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

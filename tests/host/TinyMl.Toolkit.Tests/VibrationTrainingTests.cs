using System.Globalization;
using System.Text;
using TinyMl.Toolkit.Evaluation;
using TinyMl.Toolkit.Model;
using TinyMl.Toolkit.Nn;
using TinyMl.Toolkit.Nn.Vibration;

namespace TinyMl.Toolkit.Tests;

/// <summary>Autoencoder training on synthetic healthy vibration (a few harmonics in noise), through the native features.</summary>
public class VibrationTrainingTests
{
    [Fact]
    public void AutoencoderLearnsVectorsOnALowDimensionalSubspace()
    {
        // 12 values driven by 2 latent factors: a bottleneck of 2 can reconstruct them, so the error must fall far.
        var rng = new RandomStream(1);
        var mix = Enumerable.Range(0, 24).Select(_ => (float)rng.Normal()).ToArray();
        float[] Vector()
        {
            double a = rng.Normal(), b = rng.Normal();
            return Enumerable.Range(0, 12).Select(j => (float)(mix[2 * j] * a + mix[2 * j + 1] * b)).ToArray();
        }
        var training = Enumerable.Range(0, 512).Select(_ => Vector()).ToList();
        var validation = Enumerable.Range(0, 128).Select(_ => Vector()).ToList();
        var model = Architectures.DenseAutoencoder.Create(12, [16], 2);
        Initializer.Initialize(model, 2);
        var network = Network.FromModel(model);
        var task = new AutoencoderTask(training, validation, seed: 3);
        var before = AutoencoderTask.Errors(network, validation).Average();
        var result = TrainingLoop.Run(network, task, new TrainingOptions { Epochs = 40, BatchSize = 32, LearningRate = 1e-2f, WeightDecay = 0 },
            cancel: TestContext.Current.CancellationToken);
        var after = result.History[result.BestEpoch - 1].ValidationLoss;
        Assert.True(after < 0.1 * before, $"validation error {before:F4} → {after:F4}");
    }

    [Fact]
    public void TrainingWritesTheSettingsAndNormalizationTheEvaluationReads()
    {
        var dir = Healthy(files: 2, seconds: 8);
        try
        {
            var outcome = VibrationTraining.Run(new VibrationTrainingOptions
            {
                DataFolders = [dir],
                Settings = new VibrationSettings { SampleRateHz = 1000, Window = 128, Hop = 64, Bands = 8 },
                Training = VibrationTrainingOptions.DefaultTraining with { Epochs = 5 },
            }, cancel: TestContext.Current.CancellationToken);
            var settings = VibrationSettings.FromMetadata(outcome.Model.Metadata);
            Assert.Equal(2, settings.Axes);
            Assert.Equal(2 * (4 + 8), settings.FeatureCount);
            Assert.Equal([settings.FeatureCount], outcome.Model.InputShape);
            Assert.Equal(settings.FeatureCount, outcome.Model.OutputShape[0]);
            Assert.Equal("vibration", outcome.Model.Metadata["features"]);
            // Windows per file: 1 + (8000 − 128) / 64 = 124; a fifth of each file's end validates.
            Assert.Equal(2 * 124, outcome.TrainingWindows + outcome.ValidationWindows);
            Assert.Equal(2 * 25, outcome.ValidationWindows);
            // The normalization standardizes the training features: their normalized means are 0.
            using var features = settings.CreateFeatures();
            var normalized = Directory.GetFiles(Path.Combine(dir, "normal")).OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(f => settings.Windows(Data.VibrationCsv.Read(f), f).SkipLast(25))
                .Select(w => settings.Normalize(features.Compute(w))).ToList();
            for (var j = 0; j < settings.FeatureCount; j++)
                Assert.Equal(0, normalized.Average(v => v[j]), 2);
            outcome.Model.Validate();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TrainVibrationVerbWritesAModel()
    {
        var dir = Healthy(files: 1, seconds: 6);
        try
        {
            var output = Path.Combine(dir, "ae.tmf");
            var (code, stdout, stderr) = TinymlProcess.Run("train", "vibration", "--data", dir, "--out", output,
                "--rate", "1000", "--window", "128", "--bands", "8", "--epochs", "3", "--hidden", "16", "--bottleneck", "4");
            Assert.True(code == 0, $"{stdout}\n{stderr}");
            Assert.StartsWith("best_epoch=", stdout.TrimEnd().Split('\n')[^1]);
            var model = FloatModel.Load(output);
            Assert.Equal(4, model.Layers.OfType<Dense>().Count()); // 16 → 4 → 16 → the input size
            Assert.Equal("128", model.Metadata["vibration.window"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // DIR/normal/*.csv: two axes at 1 kHz, a 30 Hz rotation with harmonics plus noise, in g.
    private static string Healthy(int files, int seconds)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"vib-train-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(dir, "normal"));
        var rng = new RandomStream(9);
        for (var f = 0; f < files; f++)
        {
            var text = new StringBuilder("# sample_rate_hz=1000\nax,ay\n");
            for (var n = 0; n < seconds * 1000; n++)
            {
                var t = n / 1000.0;
                var x = 0.2 * Math.Sin(2 * Math.PI * 30 * t) + 0.05 * Math.Sin(2 * Math.PI * 60 * t + 1) + 0.02 * rng.Normal();
                var y = 0.1 * Math.Cos(2 * Math.PI * 30 * t) + 0.03 * Math.Sin(2 * Math.PI * 90 * t) + 0.02 * rng.Normal();
                text.Append(x.ToString("F5", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("F5", CultureInfo.InvariantCulture)).Append('\n');
            }
            File.WriteAllText(Path.Combine(dir, "normal", $"run{f}.csv"), text.ToString());
        }
        return dir;
    }
}

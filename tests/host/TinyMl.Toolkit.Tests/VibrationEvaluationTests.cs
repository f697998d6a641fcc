using System.Globalization;
using System.Text;
using TinyMl.Toolkit.Evaluation;
using TinyMl.Toolkit.Model;
using TinyMl.Toolkit.Quantization;
using TinyMl.Toolkit.Tflite;

namespace TinyMl.Toolkit.Tests;

/// <summary>
/// A tiny vibration folder: normal/ (a 30 Hz hum plus noise, 2 kHz recordings) and anomalous/ (the same with a
/// 180 Hz tone and impacts), one axis, CSV layout of ARCHITECTURE.md.
/// </summary>
internal sealed class TinyVibrationFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("vib-eval-").FullName;

    public TinyVibrationFolder()
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "normal"));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "anomalous"));
        for (var i = 0; i < 2; i++) Write($"normal/n{i}.csv", 2000, 6000, 40 + i, fault: false);
        Write("anomalous/a0.csv", 2000, 2000, 50, fault: true);
    }

    private void Write(string name, int rate, int samples, int seed, bool fault)
    {
        var rng = new Random(seed);
        var csv = new StringBuilder($"# sample_rate_hz={rate}\nax\n");
        for (var n = 0; n < samples; n++)
        {
            var t = (double)n / rate;
            var g = 0.2 * Math.Sin(2 * Math.PI * 30 * t) + 0.05 * (rng.NextDouble() * 2 - 1);
            if (fault) g += 0.15 * Math.Sin(2 * Math.PI * 180 * t) + (n % 97 == 0 ? 1.0 : 0);
            csv.Append(g.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
        }
        File.WriteAllText(System.IO.Path.Combine(Path, name), csv.ToString());
    }

    /// <summary>Settings at 1 kHz (the files are resampled), 128-sample windows, 8 bands, normalized by the normal data's statistics.</summary>
    public VibrationSettings Settings()
    {
        var raw = new VibrationSettings { SampleRateHz = 1000, Window = 128, Hop = 64, Axes = 1, FullScaleG = 4, Bands = 8 };
        var windows = Directory.GetFiles(System.IO.Path.Combine(Path, "normal"))
            .SelectMany(f => raw.Windows(Data.VibrationCsv.Read(f), f)).ToList();
        using var features = raw.CreateFeatures();
        var all = windows.Select(features.Compute).ToList();
        var mean = Enumerable.Range(0, raw.FeatureCount).Select(k => all.Average(f => f[k])).ToArray();
        var std = Enumerable.Range(0, raw.FeatureCount).Select(k => (float)Math.Max(1e-3, Math.Sqrt(all.Average(f => (f[k] - mean[k]) * (f[k] - mean[k]))))).ToArray();
        return raw with { FeatureOffsets = mean.Select(m => (float)m).ToArray(), FeatureScales = std };
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

public class VibrationEvaluationTests
{
    private static FloatModel Autoencoder(VibrationSettings settings)
    {
        var model = ExportTestModels.AutoencoderLike(seed: 41, features: settings.FeatureCount);
        foreach (var (k, v) in settings.ToMetadata()) model.Metadata[k] = v;
        return model;
    }

    private static byte[] Exported(TinyVibrationFolder folder, out VibrationSettings settings)
    {
        settings = folder.Settings();
        var model = Autoencoder(settings);
        var source = new VibrationCalibrationSource(folder.Path);
        return TfliteWriter.Write(Quantizer.Quantize(model, source.Samples(model, 200, seed: 1), new QuantizeOptions()));
    }

    [Fact]
    public void SettingsRoundTripThroughModelMetadata()
    {
        var settings = new VibrationSettings { SampleRateHz = 6664, Window = 512, Hop = 128, Axes = 1, FullScaleG = 16, Bands = 16, FeatureScales = Enumerable.Repeat(2.5f, 20).ToArray() };
        var back = VibrationSettings.FromMetadata(settings.ToMetadata());
        Assert.Equal(settings with { FeatureScales = null }, back with { FeatureScales = null });
        Assert.Equal(settings.FeatureScales, back.FeatureScales);
        Assert.Equal(20, back.FeatureCount);
        var defaults = VibrationSettings.FromMetadata(new Dictionary<string, string>());
        Assert.Equal((1000, 1024, 512, 3), (defaults.SampleRateHz, defaults.Window, defaults.Hop, defaults.Axes)); // nf.config's
    }

    [Fact]
    public void WindowsAreResampledCountsAtTheSensorRange()
    {
        var settings = new VibrationSettings { SampleRateHz = 1000, Window = 64, Hop = 32, Axes = 1, FullScaleG = 4 };
        var recording = new Data.VibrationRecording { SampleRateHz = 1000, Axes = ["ax"], Channels = [Enumerable.Range(0, 200).Select(i => i == 0 ? 5f : 0.5f).ToArray()] };
        var windows = settings.Windows(recording, "r");
        Assert.Equal(5, windows.Count); // starts 0, 32, 64, 96, 128
        Assert.Equal(short.MaxValue, windows[0][0]); // 5 g saturates a ±4 g sensor
        Assert.Equal(4096, windows[0][1]); // 0.5 g = 4096 counts at ±4 g
        var faster = new Data.VibrationRecording { SampleRateHz = 2000, Axes = ["ax"], Channels = recording.Channels };
        Assert.Equal(2, settings.Windows(faster, "r").Count); // 100 samples at 1 kHz
    }

    [Fact]
    public void AucIsComputedFromMannWhitneyWithTiesAsHalf()
    {
        Assert.Equal(1.0, Roc.Auc([1, 2, 3], [4, 5]));
        Assert.Equal(0.0, Roc.Auc([4, 5], [1, 2]));
        Assert.Equal(0.5, Roc.Auc([1, 1], [1, 1]));
        Assert.Equal(0.75, Roc.Auc([1, 3], [2, 4]));
        var curve = Roc.Curve([1, 3], [2, 4]);
        Assert.Equal((0.0, 0.0), (curve[0].FalsePositiveRate, curve[0].TruePositiveRate));
        Assert.Equal((1.0, 1.0), (curve[^1].FalsePositiveRate, curve[^1].TruePositiveRate));
        Assert.Equal(0.5, Roc.TprAt(curve, 0.0));
    }

    [Fact]
    public void NormalFilesCalibrateTheirFirstHalfAndFaultsScoreHigher()
    {
        using var folder = new TinyVibrationFolder();
        var tflite = Exported(folder, out var settings);
        var result = VibrationEvaluation.Run(tflite, folder.Path);
        Assert.Equal(settings.SampleRateHz, result.Settings.SampleRateHz);
        var normal = result.Files.Where(f => !f.Anomalous).ToList();
        Assert.Equal(2, normal.Count);
        // 6000 samples at 2 kHz = 3000 at 1 kHz: (3000 − 128) / 64 + 1 = 45 windows, the first 22 calibrate.
        Assert.All(normal, f => Assert.Equal((22, 23), (f.CalibrationWindows, f.Scores.Length)));
        Assert.Equal(44, result.CalibrationWindows);
        var anomalous = Assert.Single(result.Files, f => f.Anomalous);
        Assert.Equal(0, anomalous.CalibrationWindows);
        Assert.True(result.Auc >= 0.95, $"AUC {result.Auc}");
        Assert.True(result.Threshold > 0);
        Assert.True(result.FalseAlarmsPerHour >= 0);
        Assert.Equal(result.Auc, anomalous.Auc);
    }

    [Fact]
    public void TheCliQuantizesExportsAndEvaluatesEndingWithTheAucLine()
    {
        using var folder = new TinyVibrationFolder();
        var work = Directory.CreateTempSubdirectory("vib-cli-").FullName;
        try
        {
            var tmf = Path.Combine(work, "ae.tmf");
            Autoencoder(folder.Settings()).Save(tmf);
            var (code, _, error) = KwsEvaluationTests.Tinyml("quantize", "--model", tmf, "--data", folder.Path, "--out", Path.Combine(work, "ae.tqm"));
            Assert.True(code == 0, error);
            (code, _, error) = KwsEvaluationTests.Tinyml("export", "--model", Path.Combine(work, "ae.tqm"), "--out", Path.Combine(work, "ae.tflite"));
            Assert.True(code == 0, error);
            string output;
            (code, output, error) = KwsEvaluationTests.Tinyml("eval", "vibration", "--model", Path.Combine(work, "ae.tflite"), "--data", folder.Path, "--roc", Path.Combine(work, "roc.csv"));
            Assert.True(code == 0, error);
            var last = output.TrimEnd().Split('\n')[^1];
            Assert.Matches(@"^auc=[01]\.\d{4}$", last);
            Assert.Contains("false alarms", output);
            Assert.StartsWith("threshold,fpr,tpr", File.ReadAllText(Path.Combine(work, "roc.csv")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}

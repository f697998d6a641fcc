using System.Diagnostics;
using System.Globalization;
using TinyMl.Toolkit.Data;
using TinyMl.Toolkit.Evaluation;
using TinyMl.Toolkit.Quantization;
using TinyMl.Toolkit.Tflite;

namespace TinyMl.Toolkit.Tests;

/// <summary>A tiny Speech Commands-layout folder: per label two one-second clips (a tone per label, noise) and metadata.csv.</summary>
internal sealed class TinyKwsFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kws-eval-").FullName;

    public TinyKwsFolder(bool withMetadata)
    {
        var rng = new Random(31);
        var rows = new List<string> { "path,label,engine,voice,gender,snr_db" };
        for (var l = 0; l < SpeechCommands.Labels.Length; l++)
        {
            var label = SpeechCommands.Labels[l];
            Directory.CreateDirectory(System.IO.Path.Combine(Path, label));
            for (var n = 0; n < 2; n++)
            {
                var speaker = $"{l % 3:x8}";
                var name = $"{speaker}_nohash_{n}.wav";
                var samples = new short[16000 - 400 * n]; // one clip shorter than a second: padded by the loader
                for (var i = 0; i < samples.Length; i++)
                    samples[i] = (short)(6000 * Math.Sin(2 * Math.PI * (200 + 150 * l) * i / 16000.0) + rng.Next(-800, 800));
                WavFile.WriteMono(System.IO.Path.Combine(Path, label, name), samples, 16000);
                rows.Add($"{label}/{name},{label},{(n == 0 ? "espeak-ng" : "flite")},v{l % 2},{(l % 2 == 0 ? "female" : "male")},{10 * (n + 1)}");
            }
        }
        if (withMetadata) File.WriteAllLines(System.IO.Path.Combine(Path, UtteranceMetadata.FileName), rows);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

public class KwsEvaluationTests
{
    private static byte[] ExportedKws(string folder)
    {
        var model = ExportTestModels.KwsLike(seed: 32, classes: 12);
        model.Labels = SpeechCommands.Labels;
        var source = new KwsCalibrationSource(folder);
        var plan = Quantizer.Quantize(model, source.Samples(model, 24, seed: 1), new QuantizeOptions { InputQuantization = source.InputQuantization });
        return TfliteWriter.Write(plan);
    }

    [Fact]
    public void EveryClipIsScoredThroughTheFrontendAndTheEngine()
    {
        using var folder = new TinyKwsFolder(withMetadata: true);
        var tflite = ExportedKws(folder.Path);
        var result = KwsEvaluation.Run(tflite, folder.Path);
        Assert.Equal(24, result.Confusion.Total);
        Assert.Equal(SpeechCommands.Labels, result.Labels);

        // Recompute each prediction the long way: WAV → padded second → frontend → engine → top-1.
        using var frontend = new AudioFrontend();
        using var engine = new EngineRunner(tflite);
        foreach (var p in result.Predictions)
        {
            var features = frontend.ComputeFeatures(SpeechCommands.OneSecond(WavFile.Read(p.Clip.Path).Samples));
            var scores = engine.Run(features);
            Assert.Equal(Array.IndexOf(scores, scores.Max()), p.Predicted);
            Assert.Equal(Array.IndexOf(SpeechCommands.Labels, p.Clip.Label), p.Actual);
        }
        Assert.Equal(result.Predictions.Count(p => p.Actual == p.Predicted) / 24.0, result.Accuracy);
    }

    [Fact]
    public void GroupsComeFromTheCorpusMetadata()
    {
        using var folder = new TinyKwsFolder(withMetadata: true);
        var result = KwsEvaluation.Run(ExportedKws(folder.Path), folder.Path);
        Assert.Equal(UtteranceMetadata.FileName, result.GroupSource);
        var engines = result.Groups.Where(g => g.Column == "engine").ToList();
        Assert.Equal(["espeak-ng", "flite"], engines.Select(g => g.Value));
        Assert.All(engines, g => Assert.Equal(12, g.Clips));
        Assert.Equal(24, result.Groups.Where(g => g.Column == "snr_db").Sum(g => g.Clips));
        Assert.Equal(result.Confusion.Correct, engines.Sum(g => g.Correct));
    }

    [Fact]
    public void WithoutMetadataSpeakersAreGroupedByTheirClipCount()
    {
        using var folder = new TinyKwsFolder(withMetadata: false);
        var result = KwsEvaluation.Run(ExportedKws(folder.Path), folder.Path);
        Assert.Equal("speakers", result.GroupSource);
        Assert.Equal(3, result.Speakers.Count);
        Assert.Equal("8+", Assert.Single(result.Groups).Value);
    }

    [Fact]
    public void AModelWhoseInputIsNotTheFrontendsBytesIsRefused()
    {
        using var folder = new TinyKwsFolder(withMetadata: false);
        var model = ExportTestModels.KwsLike(seed: 33);
        var plan = Quantizer.Quantize(model, ExportTestModels.RandomInputs(model, 5, seed: 1), new QuantizeOptions()); // calibrated input
        var e = Assert.Throws<Model.ModelException>(() => KwsEvaluation.Run(TfliteWriter.Write(plan), folder.Path));
        Assert.Contains("1/128", e.Message);
    }

    [Fact]
    public void TheCliQuantizesExportsAndEvaluatesEndingWithTheAccuracyLine()
    {
        using var folder = new TinyKwsFolder(withMetadata: true);
        var work = Directory.CreateTempSubdirectory("kws-cli-").FullName;
        try
        {
            var model = ExportTestModels.KwsLike(seed: 34);
            model.Labels = SpeechCommands.Labels;
            var tmf = Path.Combine(work, "m.tmf");
            model.Save(tmf);
            var tqm = Path.Combine(work, "m.tqm");
            var tflite = Path.Combine(work, "m.tflite");

            var (code, output, error) = Tinyml("quantize", "--model", tmf, "--data", folder.Path, "--calibration", "12", "--out", tqm);
            Assert.True(code == 0, error);
            Assert.Contains("input_scale=0.0078125 input_zero_point=0", output);
            (code, output, error) = Tinyml("export", "--model", tqm, "--out", tflite);
            Assert.True(code == 0, error);
            Assert.Contains("CONV_2D DEPTHWISE_CONV_2D CONV_2D AVERAGE_POOL_2D RESHAPE FULLY_CONNECTED SOFTMAX", output);
            (code, output, error) = Tinyml("eval", "kws", "--model", tflite, "--data", folder.Path, "--json", Path.Combine(work, "r.json"));
            Assert.True(code == 0, error);
            var last = output.TrimEnd().Split('\n')[^1];
            Assert.StartsWith("accuracy=", last);
            var accuracy = double.Parse(last["accuracy=".Length..], CultureInfo.InvariantCulture);
            Assert.Equal(KwsEvaluation.Run(File.ReadAllBytes(tflite), folder.Path).Accuracy, accuracy, 4);
            Assert.Contains("gap best-worst", output);
            Assert.True(File.Exists(Path.Combine(work, "r.json")));

            (code, _, error) = Tinyml("eval", "kws", "--model", tmf, "--data", folder.Path);
            Assert.Equal(1, code);
            Assert.StartsWith("error: ", error);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    internal static (int Code, string Output, string Error) Tinyml(params string[] args)
    {
        var dll = typeof(Cli.ICliVerbs).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}

using System.Diagnostics;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Tests;

/// <summary>`tinyml train kws` as a user runs it: a process, arguments, a .tmf file and a last summary line.</summary>
public class TrainVerbTests
{
    [Fact]
    public void TrainKwsWritesAModelThatRunsAndLinksItsValidationClips()
    {
        using var corpus = TinyCorpus.Create(perLabel: 5);
        var output = Path.Combine(corpus.Root, "model.tmf");
        var heldOut = Path.Combine(corpus.Root, "held-out");
        var (code, stdout, stderr) = TinymlProcess.Run("train", "kws", "--data", corpus.Root, "--out", output, "--epochs", "2", "--batch", "8",
            "--width", "8", "--stem", "4", "--blocks", "1", "--validation-speakers", "0.5", "--noise", corpus.Noise,
            "--export-validation", heldOut);
        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.StartsWith("best_epoch=", stdout.TrimEnd().Split('\n')[^1]);
        Assert.Contains("epoch 2/2", stdout);
        var model = FloatModel.Load(output);
        Assert.Equal(12, model.Labels.Length);
        Assert.Equal("2", model.Metadata["train.epochs"]);
        var scores = Inference.Predict(model, new float[49 * 40]);
        Assert.Equal(1.0, scores.Sum(), 4);
        Assert.Equal("model.tmf.history.json", model.Metadata["train.history_file"]);
        Assert.Contains("\"epoch\":2", File.ReadAllText(output + ".history.json"));
        var linked = Directory.GetFiles(heldOut, "*.wav", SearchOption.AllDirectories);
        Assert.Equal(model.Metadata["train.validation_clips"], linked.Length.ToString());
    }

    [Fact]
    public void WeightsDoNotDependOnTheNumberOfCores()
    {
        using var corpus = TinyCorpus.Create(perLabel: 4);
        string Train(int processors)
        {
            var output = Path.Combine(corpus.Root, $"model-{processors}.tmf");
            var (code, stdout, stderr) = TinymlProcess.Run(processors, "train", "kws", "--data", corpus.Root, "--out", output,
                "--epochs", "2", "--batch", "8", "--width", "8", "--stem", "4", "--blocks", "1", "--noise", corpus.Noise);
            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
            var model = FloatModel.Load(output);
            model.Metadata.Clear(); // time and speed are measurements
            var weights = Path.Combine(corpus.Root, $"weights-{processors}.tmf");
            model.Save(weights);
            return File.ReadAllText(weights);
        }
        Assert.Equal(Train(1), Train(4));
    }

    [Fact]
    public void TrainKwsRefusesAMissingFolderWithOneLine()
    {
        var (code, _, stderr) = TinymlProcess.Run("train", "kws", "--data", "/nonexistent/kws", "--out", Path.Combine(Path.GetTempPath(), "never.tmf"));
        Assert.Equal(1, code);
        Assert.StartsWith("error: /nonexistent/kws", stderr.Trim());
    }
}

/// <summary>Runs the built `tinyml` (tinyml.dll beside the tests) as a user would.</summary>
internal static class TinymlProcess
{
    public static (int Code, string Stdout, string Stderr) Run(params string[] args) => Run(null, args);

    /// <param name="processors">DOTNET_PROCESSOR_COUNT for the child (how many cores .NET believes it has).</param>
    public static (int Code, string Stdout, string Stderr) Run(int? processors, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (processors is { } n) start.Environment["DOTNET_PROCESSOR_COUNT"] = n.ToString();
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tinyml.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}

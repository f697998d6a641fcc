using System.Runtime.CompilerServices;
using TinyMl.Toolkit.Evaluation;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Tests;

/// <summary>How closely the int8 model in the engine follows the float model on the same inputs.</summary>
internal sealed record QualityCheck(double MaxAbsError, double RelativeRmsError, double ArgMaxAgreement, int Samples)
{
    /// <summary>Float model on x versus engine on x (quantized by the engine runner), outputs dequantized.</summary>
    public static QualityCheck Compare(FloatModel model, EngineRunner engine, IReadOnlyList<float[]> inputs)
    {
        double maxAbs = 0, sumSq = 0, sumRef = 0;
        var agree = 0;
        var inScale = engine.InputInfo.Scale;
        var inZero = engine.InputInfo.ZeroPoint;
        foreach (var raw in inputs)
        {
            // The float model sees exactly what the int8 input can represent.
            var x = engine.InputInfo.Type == TensorType.Int8
                ? EngineRunner.Dequantize(EngineRunner.Quantize(raw, inScale, inZero), inScale, inZero)
                : raw;
            var expected = Inference.Predict(model, x);
            var actual = engine.Predict(x);
            for (var i = 0; i < expected.Length; i++)
            {
                var d = (double)actual[i] - expected[i];
                maxAbs = Math.Max(maxAbs, Math.Abs(d));
                sumSq += d * d;
                sumRef += (double)expected[i] * expected[i];
            }
            if (ExportTestModels.ArgMax(expected) == ExportTestModels.ArgMax(actual)) agree++;
        }
        return new QualityCheck(maxAbs, Math.Sqrt(sumSq / Math.Max(sumRef, 1e-30)), (double)agree / inputs.Count, inputs.Count);
    }

    public override string ToString() =>
        $"max |int8 - float| {MaxAbsError:G4}, relative RMS error {RelativeRmsError:P2}, argmax agreement {ArgMaxAgreement:P1} over {Samples} inputs";
}

/// <summary>Where the repository and ../shared are, whatever folder the tests run from.</summary>
internal static class SharedFolders
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>$TML_SHARED_DIR, else ../shared beside the repository; null when absent.</summary>
    public static string? Shared
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("TML_SHARED_DIR") ?? Path.Combine(Path.GetDirectoryName(RepoRoot)!, "shared");
            return Directory.Exists(path) ? path : null;
        }
    }

    private static string FindRepoRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(source), AppContext.BaseDirectory })
        {
            for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
                if (File.Exists(Path.Combine(dir, "TinyMlDevice.sln"))) return dir;
        }
        throw new InvalidOperationException("cannot find the repository root (TinyMlDevice.sln)");
    }
}

using TinyMl.Toolkit.Data;
using TinyMl.Toolkit.Model;
using TinyMl.Toolkit.Tflite;

namespace TinyMl.Toolkit.Evaluation;

/// <summary>Scores of one recording's scored windows (the calibration part of normal files excluded).</summary>
public sealed record VibrationFileScores(string Path, bool Anomalous, int CalibrationWindows, double[] Scores,
    double[] ReconstructionErrors, double[] FeatureScores, bool[] Flagged, double Auc);

public sealed class VibrationEvaluationResult
{
    public required VibrationSettings Settings { get; init; }
    public required List<VibrationFileScores> Files { get; init; }
    public required int CalibrationWindows { get; init; }
    public required float Threshold { get; init; }

    /// <summary>The device's score: the on-device baseline over the autoencoder's residuals.</summary>
    public required double Auc { get; init; }

    /// <summary>For comparison: the reconstruction error alone, and the baseline over the raw features (no model).</summary>
    public required double ReconstructionErrorAuc { get; init; }
    public required double FeatureBaselineAuc { get; init; }

    public required List<RocPoint> Curve { get; init; }

    /// <summary>Healthy scored windows over the threshold, per hour of healthy scored recording.</summary>
    public required double FalseAlarmsPerHour { get; init; }
    public required double NormalHours { get; init; }
    public required double DetectionRate { get; init; }

    public IEnumerable<double> NormalScores => Files.Where(f => !f.Anomalous).SelectMany(f => f.Scores);
    public IEnumerable<double> AnomalousScores => Files.Where(f => f.Anomalous).SelectMany(f => f.Scores);
}

/// <summary>
/// `tinyml eval vibration`: DIR/normal/*.csv and DIR/anomalous/*.csv → resampled to the model's rate, int16 counts,
/// windows → native features (float, and int8 normalized into the model's input quantization) → the autoencoder in
/// the engine → residual r = input − reconstruction (dequantized) → the native on-device baseline. The first part of
/// each normal file (time order) calibrates the baseline; the rest of the normal windows are the negatives and every
/// anomalous window a positive. AUC = P(anomalous score > normal score), ties ½.
/// </summary>
public static class VibrationEvaluation
{
    public static VibrationEvaluationResult Run(byte[] tflite, string dataDir, string modelName = "model",
        double calibrationFraction = 0.5, Action<int, int>? progress = null)
    {
        if (!(calibrationFraction > 0 && calibrationFraction < 1)) throw new ArgumentException("the calibration fraction must lie in (0, 1)");
        var settings = VibrationSettings.FromMetadata(TfliteMetadata.Read(tflite, modelName).Metadata);
        var featureCount = settings.FeatureCount;
        float inScale, outScale;
        int inZero, outZero;
        using (var probe = new EngineRunner(tflite, modelName))
        {
            if (probe.InputInfo.Type != TensorType.Int8 || probe.OutputInfo.Type != TensorType.Int8)
                throw new ModelException($"{modelName}: vibration models take and give int8 (the native features write the input)");
            if (probe.InputLength != featureCount || probe.OutputLength != featureCount)
                throw new ModelException($"{modelName}: {probe.InputLength} inputs and {probe.OutputLength} outputs; an autoencoder on {featureCount} features expected");
            (inScale, inZero, outScale, outZero) = (probe.InputInfo.Scale, probe.InputInfo.ZeroPoint, probe.OutputInfo.Scale, probe.OutputInfo.ZeroPoint);
        }

        var files = Files(dataDir, "normal").Select(f => (Path: f, Anomalous: false))
            .Concat(Files(dataDir, "anomalous").Select(f => (Path: f, Anomalous: true))).ToList();
        if (!files.Any(f => !f.Anomalous)) throw new DataFormatException($"{dataDir}: no normal/*.csv");
        if (!files.Any(f => f.Anomalous)) throw new DataFormatException($"{dataDir}: no anomalous/*.csv");

        // Per window: raw features and residual; files in parallel, each window as the device computes it.
        var perFile = new (float[][] Features, float[][] Residuals)[files.Count];
        var done = 0;
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => (Features: CreateFeatures(settings, inScale, inZero), Runner: new EngineRunner(tflite, modelName)),
            (i, _, local) =>
            {
                var windows = settings.Windows(VibrationCsv.Read(files[i].Path), files[i].Path);
                var features = new float[windows.Count][];
                var residuals = new float[windows.Count][];
                var quantized = new sbyte[featureCount];
                for (var w = 0; w < windows.Count; w++)
                {
                    features[w] = new float[featureCount];
                    local.Features.Compute(windows[w], features[w], quantized);
                    var reconstruction = local.Runner.Run(quantized);
                    residuals[w] = new float[featureCount];
                    for (var k = 0; k < featureCount; k++)
                        residuals[w][k] = inScale * (quantized[k] - inZero) - outScale * (reconstruction[k] - outZero);
                }
                perFile[i] = (features, residuals);
                progress?.Invoke(Interlocked.Increment(ref done), files.Count);
                return local;
            },
            local =>
            {
                local.Runner.Dispose();
                local.Features.Dispose();
            });

        var calibration = files.Select((f, i) => f.Anomalous ? 0 : (int)(perFile[i].Residuals.Length * calibrationFraction)).ToArray();
        var calibrationWindows = calibration.Sum();
        if (calibrationWindows < 4)
            throw new DataFormatException($"{dataDir}: {calibrationWindows} calibration windows (the normal recordings are too short for {settings.Window}-sample windows)");
        using var baseline = new AnomalyBaseline(featureCount, calibrationWindows);
        using var featureBaseline = new AnomalyBaseline(featureCount, calibrationWindows);
        // Round-robin over the normal files (window 0 of each, then window 1, ...): the baseline's warm-up and its
        // threshold scores then both see every normal recording, as a device learning over its machine's states would.
        for (var w = 0; w < calibration.Max(); w++)
            for (var i = 0; i < files.Count; i++)
            {
                if (w >= calibration[i]) continue;
                baseline.Feed(perFile[i].Residuals[w]);
                featureBaseline.Feed(perFile[i].Features[w]);
            }

        var scored = new List<(string Path, bool Anomalous, int Calibration, double[] Scores, double[] Errors, double[] FeatureScores, bool[] Flagged)>();
        for (var i = 0; i < files.Count; i++)
        {
            var (features, residuals) = perFile[i];
            var n = residuals.Length - calibration[i];
            var scores = new double[n];
            var errors = new double[n];
            var featureScores = new double[n];
            var flagged = new bool[n];
            for (var w = 0; w < n; w++)
            {
                var r = residuals[calibration[i] + w];
                var result = baseline.Feed(r);
                scores[w] = result.Score;
                flagged[w] = result.Anomalous;
                errors[w] = r.Average(v => (double)v * v);
                featureScores[w] = featureBaseline.Feed(features[calibration[i] + w]).Score;
            }
            scored.Add((files[i].Path, files[i].Anomalous, calibration[i], scores, errors, featureScores, flagged));
        }

        double[] All(bool anomalous, Func<(string, bool, int, double[] Scores, double[] Errors, double[] FeatureScores, bool[]), double[]> pick) =>
            scored.Where(s => s.Anomalous == anomalous).SelectMany(s => pick(s)).ToArray();
        var negatives = All(false, s => s.Scores);
        var positives = All(true, s => s.Scores);
        if (negatives.Length == 0) throw new DataFormatException($"{dataDir}: no normal windows left to score after calibration");
        var normalFlags = scored.Where(s => !s.Anomalous).SelectMany(s => s.Flagged).Count(f => f);
        var normalHours = negatives.Length * (double)settings.Hop / settings.SampleRateHz / 3600;
        return new VibrationEvaluationResult
        {
            Settings = settings,
            Files = scored.Select(s => new VibrationFileScores(s.Path, s.Anomalous, s.Calibration, s.Scores, s.Errors, s.FeatureScores, s.Flagged,
                s.Anomalous ? Roc.Auc(negatives, s.Scores) : double.NaN)).ToList(),
            CalibrationWindows = calibrationWindows,
            Threshold = baseline.Threshold,
            Auc = Roc.Auc(negatives, positives),
            ReconstructionErrorAuc = Roc.Auc(All(false, s => s.Errors), All(true, s => s.Errors)),
            FeatureBaselineAuc = Roc.Auc(All(false, s => s.FeatureScores), All(true, s => s.FeatureScores)),
            Curve = Roc.Curve(negatives, positives),
            FalseAlarmsPerHour = normalHours > 0 ? normalFlags / normalHours : 0,
            NormalHours = normalHours,
            DetectionRate = positives.Length == 0 ? 0 : (double)scored.Where(s => s.Anomalous).SelectMany(s => s.Flagged).Count(f => f) / positives.Length,
        };
    }

    /// <summary>The native features writing int8 straight into the model's input quantization, as on the device.</summary>
    internal static VibrationFeatures CreateFeatures(VibrationSettings settings, float inputScale, int inputZeroPoint)
    {
        var features = settings.CreateFeatures();
        features.SetNormalization(settings.Offsets, settings.Scales, inputScale, inputZeroPoint);
        return features;
    }

    private static IEnumerable<string> Files(string root, string sub)
    {
        var dir = Path.Combine(root, sub);
        return Directory.Exists(dir) ? Directory.GetFiles(dir, "*.csv").OrderBy(f => f, StringComparer.Ordinal) : [];
    }
}

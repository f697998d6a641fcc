using System.CommandLine;
using System.Globalization;
using System.Text;
using TinyMl.Toolkit.Evaluation;

namespace TinyMl.Toolkit.Cli;

/// <summary><c>tinyml eval vibration</c>: AUC of an autoencoder .tflite plus the on-device baseline, through the engine.</summary>
public sealed class EvalVibrationVerb : ICliVerbs
{
    public IEnumerable<Command> Commands()
    {
        var model = new Option<string>("--model") { Description = "Vibration autoencoder (.tflite)", Required = true };
        var data = new Option<string>("--data") { Description = "Folder with normal/*.csv and anomalous/*.csv", Required = true };
        var fraction = new Option<double>("--calibration-fraction") { Description = "Leading part of each normal file that calibrates the baseline", DefaultValueFactory = _ => 0.5 };
        var roc = new Option<string?>("--roc") { Description = "Also write the ROC curve (threshold,fpr,tpr) as CSV" };
        var vibration = new Command("vibration", "Anomaly AUC through the native features, engine and on-device baseline: ROC, false alarms per hour; last line auc=")
        {
            model, data, fraction, roc,
        };
        vibration.SetAction(parse => CliJob.Guarded(() =>
        {
            var path = parse.GetValue(model)!;
            var bytes = File.ReadAllBytes(path);
            var result = CliJob.WithProgress("scoring recordings",
                report => VibrationEvaluation.Run(bytes, parse.GetValue(data)!, path, parse.GetValue(fraction), report));
            Print(result);
            if (parse.GetValue(roc) is { } file)
            {
                var csv = new StringBuilder("threshold,fpr,tpr\n");
                foreach (var p in result.Curve)
                    csv.Append(string.Create(CultureInfo.InvariantCulture, $"{p.Threshold:R},{p.FalsePositiveRate:R},{p.TruePositiveRate:R}\n"));
                File.WriteAllText(file, csv.ToString());
            }
            Console.WriteLine($"auc={result.Auc.ToString("0.0000", CultureInfo.InvariantCulture)}");
            return 0;
        }));
        var eval = new Command("eval", "Evaluate an exported model on data, through the native engine");
        eval.Subcommands.Add(vibration);
        yield return eval;
    }

    private static void Print(VibrationEvaluationResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = r.Settings;
        Console.WriteLine($"settings: {s.SampleRateHz} Hz, window {s.Window} every {s.Hop}, {s.Axes} axes, ±{s.FullScaleG.ToString(inv)} g, {s.FeatureCount} features");
        Console.WriteLine($"baseline: {r.CalibrationWindows} calibration windows, threshold {r.Threshold.ToString("G4", inv)}");
        foreach (var f in r.Files)
        {
            var name = Path.GetFileName(f.Path);
            var over = f.Scores.Length == 0 ? 0 : (double)f.Flagged.Count(x => x) / f.Scores.Length;
            var detail = f.Anomalous ? $"AUC {f.Auc.ToString("0.0000", inv)}" : $"{f.CalibrationWindows} calibrating";
            Console.WriteLine($"  {(f.Anomalous ? "anomalous" : "normal"),-9} {name,-40} {f.Scores.Length,6} scored  over threshold {over.ToString("P1", inv),7}  " +
                              $"median score {Median(f.Scores).ToString("G4", inv),9}  {detail}");
        }
        Console.WriteLine($"ROC: TPR {Roc.TprAt(r.Curve, 0.01).ToString("P1", inv)} at FPR 1%, {Roc.TprAt(r.Curve, 0.05).ToString("P1", inv)} at 5%, " +
                          $"{Roc.TprAt(r.Curve, 0.10).ToString("P1", inv)} at 10%");
        Console.WriteLine($"at the baseline's threshold: detection {r.DetectionRate.ToString("P1", inv)}, " +
                          $"false alarms {r.FalseAlarmsPerHour.ToString("0.##", inv)} per hour of healthy data ({r.NormalHours.ToString("0.###", inv)} h scored)");
        Console.WriteLine($"AUC for comparison: reconstruction error alone {r.ReconstructionErrorAuc.ToString("0.0000", inv)}, " +
                          $"baseline on the raw features (no model) {r.FeatureBaselineAuc.ToString("0.0000", inv)}");
    }

    private static double Median(double[] values)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TinyMl.Toolkit.Evaluation;

namespace TinyMl.Toolkit.Cli;

/// <summary><c>tinyml eval kws</c>: accuracy of a keyword .tflite on a Speech Commands-layout folder, through the engine.</summary>
public sealed class EvalKwsVerb : ICliVerbs
{
    public IEnumerable<Command> Commands()
    {
        var model = new Option<string>("--model") { Description = "Keyword model (.tflite)", Required = true };
        var data = new Option<string>("--data") { Description = "Speech Commands-layout folder (<label>/*.wav; metadata.csv when synthesized)", Required = true };
        var groupBy = new Option<string[]>("--group-by") { Description = "metadata.csv columns to group by (default: engine voice gender accent rate noise snr_db)", AllowMultipleArgumentsPerToken = true };
        var json = new Option<string?>("--json") { Description = "Also write the full result (confusion matrix, groups, speakers) as JSON" };
        var kws = new Command("kws", "Keyword accuracy through the native frontend and engine: confusion matrix, per label, per group; last line accuracy=")
        {
            model, data, groupBy, json,
        };
        kws.SetAction(parse => CliJob.Guarded(() =>
        {
            var path = parse.GetValue(model)!;
            var dir = parse.GetValue(data)!;
            var bytes = File.ReadAllBytes(path);
            var result = CliJob.WithProgress("evaluating clips",
                report => KwsEvaluation.Run(bytes, dir, path, parse.GetValue(groupBy), report));
            Print(result);
            if (parse.GetValue(json) is { } file) File.WriteAllText(file, ToJson(result, path, dir).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"accuracy={result.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture)}");
            return 0;
        }));
        var eval = new Command("eval", "Evaluate an exported model on data, through the native engine");
        eval.Subcommands.Add(kws);
        yield return eval;
    }

    private static void Print(KwsEvaluationResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"clips={r.Confusion.Total} correct={r.Confusion.Correct}");
        Console.Write(r.Confusion.Format());
        if (r.Groups.Count > 0)
        {
            Console.WriteLine($"accuracy per group ({r.GroupSource}):");
            foreach (var column in r.Groups.GroupBy(g => g.Column))
            {
                foreach (var g in column)
                    Console.WriteLine($"  {column.Key,-18} {g.Value,-28} {g.Clips,6} clips  {g.Accuracy.ToString("P1", inv),7}");
                var counted = column.Where(g => g.Clips >= 10).ToList();
                if (counted.Count >= 2)
                {
                    var best = counted.MaxBy(g => g.Accuracy)!;
                    var worst = counted.MinBy(g => g.Accuracy)!;
                    Console.WriteLine($"  {column.Key,-18} gap best-worst (groups of 10+ clips): {((best.Accuracy - worst.Accuracy) * 100).ToString("0.0", inv)} points " +
                                      $"({best.Value} {best.Accuracy.ToString("P1", inv)}, {worst.Value} {worst.Accuracy.ToString("P1", inv)})");
                }
            }
        }
        if (r.Speakers.Count > 0)
        {
            var accuracies = r.Speakers.Select(s => s.Accuracy).OrderBy(a => a).ToList();
            Console.WriteLine($"speakers={r.Speakers.Count} per-speaker accuracy: mean {accuracies.Average().ToString("P1", inv)}, " +
                              $"median {accuracies[accuracies.Count / 2].ToString("P1", inv)}, worst {accuracies[0].ToString("P1", inv)}, " +
                              $"speakers below 80%: {accuracies.Count(a => a < 0.8)}");
        }
    }

    private static JsonObject ToJson(KwsEvaluationResult r, string model, string data)
    {
        var matrix = new JsonArray();
        for (var a = 0; a < r.Labels.Length; a++)
            matrix.Add(new JsonArray(Enumerable.Range(0, r.Labels.Length).Select(p => (JsonNode)r.Confusion.Counts[a, p]).ToArray()));
        JsonArray Groups(IEnumerable<GroupAccuracy> groups) => new(groups.Select(g => (JsonNode)new JsonObject
        {
            ["column"] = g.Column, ["value"] = g.Value, ["clips"] = g.Clips, ["correct"] = g.Correct, ["accuracy"] = g.Accuracy,
        }).ToArray());
        return new JsonObject
        {
            ["model"] = model,
            ["data"] = data,
            ["accuracy"] = r.Accuracy,
            ["clips"] = r.Confusion.Total,
            ["labels"] = new JsonArray(r.Labels.Select(l => (JsonNode)l).ToArray()),
            ["confusion"] = matrix,
            ["labelAccuracy"] = new JsonArray(Enumerable.Range(0, r.Labels.Length).Select(i => (JsonNode)(double.IsNaN(r.Confusion.LabelAccuracy(i)) ? null! : r.Confusion.LabelAccuracy(i))).ToArray()),
            ["groupSource"] = r.GroupSource,
            ["groups"] = Groups(r.Groups),
            ["speakers"] = Groups(r.Speakers),
        };
    }
}

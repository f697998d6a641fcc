using System.Globalization;
using System.Text;

namespace TinyMl.Toolkit.Evaluation;

/// <summary>Counts[actual, predicted] over a fixed label set.</summary>
public sealed class ConfusionMatrix(IReadOnlyList<string> labels)
{
    public IReadOnlyList<string> Labels { get; } = labels;

    public int[,] Counts { get; } = new int[labels.Count, labels.Count];

    public void Add(int actual, int predicted) => Counts[actual, predicted]++;

    public int Total => Enumerable.Range(0, Labels.Count).Sum(Row);

    public int Correct => Enumerable.Range(0, Labels.Count).Sum(i => Counts[i, i]);

    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    public int Row(int actual) => Enumerable.Range(0, Labels.Count).Sum(p => Counts[actual, p]);

    /// <summary>Recall of one label: correct / clips of that label (NaN without clips).</summary>
    public double LabelAccuracy(int actual) => Row(actual) == 0 ? double.NaN : (double)Counts[actual, actual] / Row(actual);

    /// <summary>Rows actual, columns predicted, then each row's clip count and accuracy.</summary>
    public string Format()
    {
        var width = Math.Max(6, Labels.Max(l => l.Length) + 1);
        var cell = Math.Max(5, Total.ToString(CultureInfo.InvariantCulture).Length + 1);
        var sb = new StringBuilder();
        sb.Append("actual \\ predicted".PadRight(width));
        foreach (var l in Labels) sb.Append(Short(l).PadLeft(cell));
        sb.Append("   clips  accuracy\n");
        for (var a = 0; a < Labels.Count; a++)
        {
            sb.Append(Labels[a].PadRight(width));
            for (var p = 0; p < Labels.Count; p++) sb.Append(Counts[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(cell));
            var accuracy = LabelAccuracy(a);
            sb.Append(Row(a).ToString(CultureInfo.InvariantCulture).PadLeft(8));
            sb.Append((double.IsNaN(accuracy) ? "-" : accuracy.ToString("P1", CultureInfo.InvariantCulture)).PadLeft(10));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Short(string label) => label.Trim('_') is { Length: > 4 } s ? s[..4] : label.Trim('_');
}

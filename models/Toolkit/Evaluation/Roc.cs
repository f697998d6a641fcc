namespace TinyMl.Toolkit.Evaluation;

/// <summary>One operating point: windows scoring above Threshold are flagged.</summary>
public readonly record struct RocPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate);

/// <summary>ROC curve and AUC of anomaly scores (higher = more anomalous).</summary>
public static class Roc
{
    /// <summary>P(positive score > negative score), ties counting one half (the Mann–Whitney statistic).</summary>
    public static double Auc(IReadOnlyList<double> negatives, IReadOnlyList<double> positives)
    {
        if (negatives.Count == 0 || positives.Count == 0) return double.NaN;
        var all = negatives.Select(s => (Score: s, Positive: false)).Concat(positives.Select(s => (Score: s, Positive: true)))
            .OrderBy(x => x.Score).ToList();
        // Sum of the positives' mid-ranks.
        double rankSum = 0;
        for (var i = 0; i < all.Count;)
        {
            var j = i;
            while (j < all.Count && all[j].Score == all[i].Score) j++;
            var midRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++) if (all[k].Positive) rankSum += midRank;
            i = j;
        }
        var p = (double)positives.Count;
        return (rankSum - p * (p + 1) / 2) / (p * negatives.Count);
    }

    /// <summary>Every distinct threshold from above the highest score down to the lowest: (0, 0) to (1, 1).</summary>
    public static List<RocPoint> Curve(IReadOnlyList<double> negatives, IReadOnlyList<double> positives)
    {
        var thresholds = negatives.Concat(positives).Distinct().OrderByDescending(s => s).ToList();
        var points = new List<RocPoint> { new(double.PositiveInfinity, 0, 0) };
        foreach (var t in thresholds)
            points.Add(new RocPoint(t, Rate(negatives, t), Rate(positives, t)));
        return points;
    }

    /// <summary>The best true-positive rate at a false-positive rate of at most `fpr`.</summary>
    public static double TprAt(IReadOnlyList<RocPoint> curve, double fpr) =>
        curve.Where(p => p.FalsePositiveRate <= fpr).Select(p => p.TruePositiveRate).DefaultIfEmpty(0).Max();

    private static double Rate(IReadOnlyList<double> scores, double threshold) =>
        scores.Count == 0 ? 0 : (double)scores.Count(s => s >= threshold) / scores.Count;
}

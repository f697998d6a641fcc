namespace TinyMl.Toolkit.Nn;

/// <summary>Mean over the batch of −log softmax(logits)[label], with optional label smoothing.</summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>
    /// Returns the mean loss; writes ∂loss/∂logits into gradient (batch × classes) unless it is null, and the
    /// predicted class of every sample into predictions unless that is null.
    /// </summary>
    public static float Compute(float[] logits, int[] labels, int batch, int classes, float[]? gradient,
        int[]? predictions = null, float labelSmoothing = 0f)
    {
        var probabilities = new float[classes];
        double total = 0;
        for (var b = 0; b < batch; b++)
        {
            var label = labels[b];
            if ((uint)label >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), label, $"label of sample {b}");
            var row = logits.AsSpan(b * classes, classes);
            SoftmaxLayer.Normalize(row, probabilities);
            var off = labelSmoothing / classes;
            var best = 0;
            for (var c = 0; c < classes; c++)
            {
                var target = (c == label ? 1f - labelSmoothing : 0f) + off;
                if (target > 0) total -= target * Math.Log(Math.Max(probabilities[c], 1e-30f));
                if (gradient is not null) gradient[b * classes + c] = (probabilities[c] - target) / batch;
                if (row[c] > row[best]) best = c;
            }
            if (predictions is not null) predictions[b] = best;
        }
        return (float)(total / batch);
    }
}

using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Quantization;

/// <summary>
/// Folds every BatchNorm into the Conv2D, DepthwiseConv2D or Dense right before it: per output channel c,
/// w'[c] = w[c]·k[c] and b'[c] = (b[c] − mean[c])·k[c] + beta[c] with k[c] = gamma[c] / sqrt(variance[c] + epsilon),
/// and the BatchNorm's activation becomes the layer's. The float function is unchanged (up to rounding).
/// </summary>
public static class BatchNormFolding
{
    /// <summary>A copy of the model without BatchNorm layers; throws ModelException for one that cannot be folded.</summary>
    public static FloatModel Fold(FloatModel model)
    {
        model.Validate();
        var folded = model.Clone();
        var layers = new List<Layer>();
        foreach (var layer in folded.Layers)
        {
            if (layer is not BatchNorm bn)
            {
                layers.Add(layer);
                continue;
            }
            var previous = layers.Count > 0 ? layers[^1] : null;
            var name = bn.Name.Length > 0 ? $"'{bn.Name}'" : "a BatchNorm";
            switch (previous)
            {
                case Conv2D c when c.Activation == Activation.None:
                    FoldInto(c.Weights, c.Bias, rows: c.OutChannels, channelIsLast: false, bn);
                    c.Activation = bn.Activation;
                    break;
                case DepthwiseConv2D d when d.Activation == Activation.None:
                    FoldInto(d.Weights, d.Bias, rows: d.Bias.Length, channelIsLast: true, bn);
                    d.Activation = bn.Activation;
                    break;
                case Dense d when d.Activation == Activation.None:
                    FoldInto(d.Weights, d.Bias, rows: d.Units, channelIsLast: false, bn);
                    d.Activation = bn.Activation;
                    break;
                case null:
                    throw new ModelException($"{name} is the first layer: there is no layer to fold it into");
                default:
                    throw new ModelException(
                        $"{name} follows {previous.GetType().Name} '{previous.Name}'{(previous is Conv2D or DepthwiseConv2D or Dense ? " with a fused activation" : "")}: " +
                        "only a BatchNorm right after a Conv2D, DepthwiseConv2D or Dense without activation can be folded");
            }
        }
        folded.Layers = layers;
        folded.Validate();
        return folded;
    }

    // Weights are [rows, ...] with the channel first (conv OHWI, dense [units, inputs]) or [..., channels] with the
    // channel last (depthwise [1, kh, kw, channels]).
    private static void FoldInto(float[] weights, float[] bias, int rows, bool channelIsLast, BatchNorm bn)
    {
        var k = new double[rows];
        for (var c = 0; c < rows; c++)
        {
            var variance = (double)bn.Variance[c] + bn.Epsilon;
            if (!(variance > 0)) throw new ModelException($"BatchNorm '{bn.Name}': channel {c} has variance + epsilon {variance}");
            k[c] = bn.Gamma[c] / Math.Sqrt(variance);
        }
        var perRow = weights.Length / rows;
        for (var i = 0; i < weights.Length; i++)
        {
            var c = channelIsLast ? i % rows : i / perRow;
            weights[i] = (float)(weights[i] * k[c]);
        }
        for (var c = 0; c < rows; c++)
            bias[c] = (float)((bias[c] - (double)bn.Mean[c]) * k[c] + bn.Beta[c]);
    }
}

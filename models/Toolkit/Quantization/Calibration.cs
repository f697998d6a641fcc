using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Quantization;

/// <summary>How a tensor's float range is taken from the calibration samples.</summary>
public enum RangeMethod
{
    /// <summary>The smallest and largest value over every sample (what the TFLite converter's calibrator does).</summary>
    MinMax,

    /// <summary>The mean over samples of each sample's smallest and largest value: ignores rare outliers, clips them.</summary>
    MeanMinMax,
}

/// <summary>Float range [Min, Max] of a tensor; always contains 0.</summary>
public readonly record struct FloatRange(float Min, float Max);

/// <summary>The calibrated range of the model input and of every layer's output (index = layer index).</summary>
public sealed record ActivationRanges(FloatRange Input, FloatRange[] Layers, int Samples, RangeMethod Method);

public static class Calibration
{
    /// <summary>
    /// Runs the float reference forward (Model/Inference) on every sample and records each layer's output range.
    /// Ranges always include 0 (so real 0 is exact in int8); ReLU outputs start at 0 and ReLU6 outputs end at 6 at most.
    /// Deterministic: per-sample extremes are reduced in sample order whatever the thread scheduling.
    /// </summary>
    public static ActivationRanges Collect(FloatModel model, IReadOnlyList<float[]> samples, RangeMethod method,
        Action<int>? progress = null)
    {
        if (samples.Count == 0) throw new ModelException("calibration needs at least one sample");
        var layers = model.Layers.Count;
        // extremes[s][0] is the input's, extremes[s][l + 1] layer l's output's (min, max).
        var extremes = new (float Min, float Max)[samples.Count][];
        var done = 0;
        Parallel.For(0, samples.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
        {
            var outputs = Inference.LayerOutputs(model, samples[s]);
            var e = new (float, float)[layers + 1];
            e[0] = Extremes(samples[s]);
            for (var l = 0; l < layers; l++) e[l + 1] = Extremes(outputs[l]);
            extremes[s] = e;
            var n = Interlocked.Increment(ref done);
            progress?.Invoke(n);
        });

        var ranges = new FloatRange[layers + 1];
        for (var t = 0; t <= layers; t++)
        {
            double lo, hi;
            if (method == RangeMethod.MinMax)
            {
                lo = extremes.Min(e => e[t].Min);
                hi = extremes.Max(e => e[t].Max);
            }
            else
            {
                lo = 0;
                hi = 0;
                foreach (var e in extremes)
                {
                    lo += e[t].Min;
                    hi += e[t].Max;
                }
                lo /= extremes.Length;
                hi /= extremes.Length;
            }
            var activation = t == 0 ? Activation.None : ActivationOf(model.Layers[t - 1]);
            ranges[t] = Normalize((float)lo, (float)hi, activation);
        }
        return new ActivationRanges(ranges[0], ranges[1..], samples.Count, method);
    }

    /// <summary>Widens a range to contain 0 and clamps it to what the activation can output.</summary>
    public static FloatRange Normalize(float min, float max, Activation activation)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max))
            throw new ModelException($"calibration produced a non-finite range [{min}, {max}]");
        min = MathF.Min(min, 0f);
        max = MathF.Max(max, 0f);
        if (activation is Activation.Relu or Activation.Relu6) min = 0f;
        if (activation == Activation.Relu6) max = MathF.Min(max, 6f);
        return new FloatRange(min, max);
    }

    public static Activation ActivationOf(Layer layer) => layer switch
    {
        Conv2D c => c.Activation,
        DepthwiseConv2D d => d.Activation,
        Dense d => d.Activation,
        BatchNorm b => b.Activation,
        _ => Activation.None,
    };

    private static (float Min, float Max) Extremes(float[] values)
    {
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        foreach (var v in values)
        {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        return (lo, hi);
    }
}

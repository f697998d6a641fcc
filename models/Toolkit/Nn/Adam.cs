namespace TinyMl.Toolkit.Nn;

/// <summary>
/// Adam with bias correction (Kingma &amp; Ba 2015) and optional decoupled weight decay (AdamW, Loshchilov &amp; Hutter
/// 2019) on the parameters marked for it.
/// </summary>
public sealed class Adam(IReadOnlyList<Parameter> parameters)
{
    private readonly float[][] _m = parameters.Select(p => new float[p.Value.Length]).ToArray();
    private readonly float[][] _v = parameters.Select(p => new float[p.Value.Length]).ToArray();

    public float Beta1 { get; init; } = 0.9f;

    public float Beta2 { get; init; } = 0.999f;

    public float Epsilon { get; init; } = 1e-7f;

    /// <summary>Per step, decayed weights shrink by learningRate · WeightDecay · weight.</summary>
    public float WeightDecay { get; init; }

    /// <summary>Steps taken so far.</summary>
    public int Steps { get; private set; }

    /// <summary>One update from every parameter's current Grad.</summary>
    public void Step(float learningRate)
    {
        Steps++;
        var correction1 = 1 - Math.Pow(Beta1, Steps);
        var correction2 = 1 - Math.Pow(Beta2, Steps);
        var stepSize = (float)(learningRate * Math.Sqrt(correction2) / correction1);
        var epsilon = (float)(Epsilon * Math.Sqrt(correction2)); // ε applied to the bias-corrected second moment
        for (var k = 0; k < parameters.Count; k++)
        {
            var p = parameters[k];
            float[] value = p.Value, grad = p.Grad, m = _m[k], v = _v[k];
            var decay = p.Decay ? learningRate * WeightDecay : 0f;
            for (var i = 0; i < value.Length; i++)
            {
                var g = grad[i];
                m[i] = Beta1 * m[i] + (1 - Beta1) * g;
                v[i] = Beta2 * v[i] + (1 - Beta2) * g * g;
                value[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) + epsilon) + decay * value[i];
            }
        }
    }
}

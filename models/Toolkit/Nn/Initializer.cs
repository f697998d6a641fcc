using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary>
/// Fresh parameters for a model from a seed: He normal (σ = √(2 / fan-in)) for weights that feed a ReLU (their own
/// fused activation or the batch norm after them), Glorot uniform otherwise; zero biases; batch norm γ = 1, β = 0,
/// running mean 0 and variance 1.
/// </summary>
public static class Initializer
{
    public static void Initialize(FloatModel model, ulong seed)
    {
        var shapes = model.Shapes();
        for (var i = 0; i < model.Layers.Count; i++)
        {
            var layer = model.Layers[i];
            var input = shapes[i];
            var relu = FeedsRelu(model, i);
            var rng = RandomStream.Fork(seed, (ulong)i);
            switch (layer)
            {
                case Conv2D c:
                    c.Weights = Weights(rng, c.OutChannels * c.KernelH * c.KernelW * input[2],
                        c.KernelH * c.KernelW * input[2], c.KernelH * c.KernelW * c.OutChannels, relu);
                    c.Bias = new float[c.OutChannels];
                    break;
                case DepthwiseConv2D d:
                    var channels = input[2] * d.Multiplier;
                    d.Weights = Weights(rng, d.KernelH * d.KernelW * channels, d.KernelH * d.KernelW,
                        d.KernelH * d.KernelW * d.Multiplier, relu);
                    d.Bias = new float[channels];
                    break;
                case Dense d:
                    var inputs = input.Aggregate(1, (a, b) => a * b);
                    d.Weights = Weights(rng, d.Units * inputs, inputs, d.Units, relu);
                    d.Bias = new float[d.Units];
                    break;
                case BatchNorm b:
                    var n = input[^1];
                    b.Gamma = Enumerable.Repeat(1f, n).ToArray();
                    b.Beta = new float[n];
                    b.Mean = new float[n];
                    b.Variance = Enumerable.Repeat(1f, n).ToArray();
                    break;
            }
        }
    }

    private static bool FeedsRelu(FloatModel model, int i)
    {
        var own = model.Layers[i] switch
        {
            Conv2D c => c.Activation,
            DepthwiseConv2D d => d.Activation,
            Dense d => d.Activation,
            _ => Activation.None,
        };
        if (own != Activation.None) return true;
        return i + 1 < model.Layers.Count && model.Layers[i + 1] is BatchNorm { Activation: not Activation.None };
    }

    private static float[] Weights(RandomStream rng, int count, int fanIn, int fanOut, bool relu)
    {
        var w = new float[count];
        if (relu)
        {
            var sigma = Math.Sqrt(2.0 / fanIn);
            for (var k = 0; k < count; k++) w[k] = (float)(sigma * rng.Normal());
        }
        else
        {
            var limit = Math.Sqrt(6.0 / (fanIn + fanOut));
            for (var k = 0; k < count; k++) w[k] = (float)rng.Uniform(-limit, limit);
        }
        return w;
    }
}

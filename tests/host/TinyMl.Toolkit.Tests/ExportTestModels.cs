using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Tests;

/// <summary>Small float models for the quantization, export and oracle tests: random weights from a fixed seed.</summary>
internal static class ExportTestModels
{
    private static float[] Uniform(Random rng, int n, float scale) =>
        Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale).ToArray();

    // He-style scale keeps activations of every layer at a similar size.
    private static float[] Weights(Random rng, int n, int fanIn) => Uniform(rng, n, MathF.Sqrt(6f / fanIn));

    private static BatchNorm Bn(Random rng, int channels, Activation activation, string name) => new()
    {
        Name = name,
        Gamma = Uniform(rng, channels, 0.5f).Select(g => 1f + g).ToArray(),
        Beta = Uniform(rng, channels, 0.2f),
        Mean = Uniform(rng, channels, 0.3f),
        Variance = Uniform(rng, channels, 0.5f).Select(v => 1f + v).ToArray(),
        Activation = activation,
    };

    /// <summary>DS-CNN-like keyword model on a small spectrogram: conv+BN+ReLU, depthwise+BN+ReLU6, pointwise, pool, dense, softmax.</summary>
    public static FloatModel KwsLike(int seed = 1, int h = 49, int w = 40, int classes = 12)
    {
        var rng = new Random(seed);
        const int c = 8;
        return new FloatModel
        {
            InputShape = [h, w, 1],
            Labels = Enumerable.Range(0, classes).Select(i => $"class{i}").ToArray(),
            Metadata = { ["features"] = "micro_speech" },
            Layers =
            [
                new Conv2D { Name = "conv1", KernelH = 10, KernelW = 4, StrideH = 2, StrideW = 2, OutChannels = c, Weights = Weights(rng, c * 40, 40), Bias = Uniform(rng, c, 0.1f) },
                Bn(rng, c, Activation.Relu, "bn1"),
                new DepthwiseConv2D { Name = "dw1", KernelH = 3, KernelW = 3, Weights = Weights(rng, 9 * c, 9), Bias = Uniform(rng, c, 0.1f) },
                Bn(rng, c, Activation.Relu6, "bn2"),
                new Conv2D { Name = "pw1", KernelH = 1, KernelW = 1, OutChannels = c, Weights = Weights(rng, c * c, c), Bias = Uniform(rng, c, 0.1f), Activation = Activation.Relu },
                new AveragePool { Name = "pool" },
                new Flatten { Name = "flatten" },
                new Dense { Name = "fc", Units = classes, Weights = Weights(rng, classes * c, c), Bias = Uniform(rng, classes, 0.1f) },
                new Softmax { Name = "softmax" },
            ],
        };
    }

    /// <summary>Dense autoencoder on a feature vector: 20 → 16 → 8 → 16 → 20, ReLU inside, linear output.</summary>
    public static FloatModel AutoencoderLike(int seed = 2, int features = 20)
    {
        var rng = new Random(seed);
        Dense D(string name, int inputs, int units, Activation a) =>
            new() { Name = name, Units = units, Weights = Weights(rng, units * inputs, inputs), Bias = Uniform(rng, units, 0.1f), Activation = a };
        return new FloatModel
        {
            InputShape = [features],
            Metadata = { ["features"] = "vibration" },
            Layers =
            [
                D("enc1", features, 16, Activation.None),
                Bn(rng, 16, Activation.Relu, "bn1"),
                D("enc2", 16, 8, Activation.Relu),
                D("dec1", 8, 16, Activation.Relu),
                D("dec2", 16, features, Activation.None),
            ],
        };
    }

    /// <summary>Every layer type and option the exporter supports: VALID/SAME, strides, depth multiplier 2, local and global pooling, BN on dense.</summary>
    public static FloatModel EveryLayer(int seed = 3)
    {
        var rng = new Random(seed);
        return new FloatModel
        {
            InputShape = [12, 10, 2],
            Labels = ["a", "b", "c", "d", "e"],
            Layers =
            [
                new Conv2D { Name = "conv_valid", KernelH = 3, KernelW = 2, StrideH = 1, StrideW = 2, OutChannels = 4, Padding = Padding.Valid, Weights = Weights(rng, 4 * 3 * 2 * 2, 12), Bias = Uniform(rng, 4, 0.1f) },
                Bn(rng, 4, Activation.Relu6, "bn_conv"),
                new DepthwiseConv2D { Name = "dw_mult2", KernelH = 3, KernelW = 3, StrideH = 2, StrideW = 1, Multiplier = 2, Padding = Padding.Same, Weights = Weights(rng, 9 * 8, 9), Bias = Uniform(rng, 8, 0.1f), Activation = Activation.Relu },
                new AveragePool { Name = "pool_local", KernelH = 2, KernelW = 2, StrideH = 2, StrideW = 2, Padding = Padding.Same },
                new Conv2D { Name = "conv_same", KernelH = 3, KernelW = 3, OutChannels = 6, Weights = Weights(rng, 6 * 9 * 8, 72), Bias = Uniform(rng, 6, 0.1f) },
                new AveragePool { Name = "pool_global" },
                new Flatten { Name = "flatten" },
                new Dense { Name = "fc1", Units = 7, Weights = Weights(rng, 7 * 6, 6), Bias = Uniform(rng, 7, 0.1f) },
                Bn(rng, 7, Activation.Relu, "bn_fc"),
                new Dense { Name = "fc2", Units = 5, Weights = Weights(rng, 5 * 7, 7), Bias = Uniform(rng, 5, 0.1f) },
                new Softmax { Name = "softmax" },
            ],
        };
    }

    /// <summary>Uniform random inputs in [-1, 1) (what an int8 input at scale 1/128 can hold).</summary>
    public static List<float[]> RandomInputs(FloatModel model, int count, int seed)
    {
        var rng = new Random(seed);
        var n = model.InputShape.Aggregate(1, (a, b) => a * b);
        return Enumerable.Range(0, count).Select(_ => Uniform(rng, n, 1f)).ToList();
    }

    /// <summary>Random int8 input records for a model (what the oracle comparison feeds both runtimes).</summary>
    public static List<sbyte[]> RandomInt8Inputs(int length, int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var bytes = new byte[length];
            rng.NextBytes(bytes);
            return bytes.Select(b => (sbyte)b).ToArray();
        }).ToList();
    }

    /// <summary>
    /// A tiny classifier actually trained (softmax regression over a hidden ReLU layer, plain gradient descent) on
    /// three Gaussian clusters in 6 dimensions, with the data it was trained on.
    /// </summary>
    public static (FloatModel Model, List<float[]> Inputs, int[] Classes) TrainedTiny(int seed = 4)
    {
        var rng = new Random(seed);
        const int dims = 6, hidden = 10, classes = 3, n = 300;
        var centers = Enumerable.Range(0, classes).Select(_ => Uniform(rng, dims, 1.5f)).ToArray();
        var inputs = new List<float[]>();
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % classes;
            inputs.Add(centers[labels[i]].Select(c => c + (float)(Normal(rng) * 0.6)).ToArray());
        }
        var w1 = Weights(rng, hidden * dims, dims);
        var b1 = new float[hidden];
        var w2 = Weights(rng, classes * hidden, hidden);
        var b2 = new float[classes];
        const float rate = 0.05f;
        for (var epoch = 0; epoch < 60; epoch++)
        {
            for (var i = 0; i < n; i++)
            {
                var x = inputs[i];
                var h = new float[hidden];
                for (var u = 0; u < hidden; u++)
                {
                    var a = b1[u];
                    for (var d = 0; d < dims; d++) a += w1[u * dims + d] * x[d];
                    h[u] = MathF.Max(a, 0);
                }
                var logits = new float[classes];
                for (var k = 0; k < classes; k++)
                {
                    var a = b2[k];
                    for (var u = 0; u < hidden; u++) a += w2[k * hidden + u] * h[u];
                    logits[k] = a;
                }
                var max = logits.Max();
                var p = logits.Select(l => MathF.Exp(l - max)).ToArray();
                var sum = p.Sum();
                var g2 = p.Select((v, k) => v / sum - (k == labels[i] ? 1f : 0f)).ToArray();
                var gh = new float[hidden];
                for (var k = 0; k < classes; k++)
                {
                    for (var u = 0; u < hidden; u++)
                    {
                        gh[u] += g2[k] * w2[k * hidden + u];
                        w2[k * hidden + u] -= rate * g2[k] * h[u];
                    }
                    b2[k] -= rate * g2[k];
                }
                for (var u = 0; u < hidden; u++)
                {
                    if (h[u] <= 0) continue;
                    for (var d = 0; d < dims; d++) w1[u * dims + d] -= rate * gh[u] * x[d];
                    b1[u] -= rate * gh[u];
                }
            }
        }
        var model = new FloatModel
        {
            InputShape = [dims],
            Labels = ["left", "middle", "right"],
            Layers =
            [
                new Dense { Name = "hidden", Units = hidden, Weights = w1, Bias = b1, Activation = Activation.Relu },
                new Dense { Name = "logits", Units = classes, Weights = w2, Bias = b2 },
                new Softmax { Name = "softmax" },
            ],
        };
        return (model, inputs, labels);
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    public static int ArgMax(IReadOnlyList<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}

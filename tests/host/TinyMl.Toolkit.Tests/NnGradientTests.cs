using TinyMl.Toolkit.Model;
using TinyMl.Toolkit.Nn;

namespace TinyMl.Toolkit.Tests;

/// <summary>Every trainable layer's backward pass against central finite differences of its forward pass.</summary>
public class NnGradientTests
{
    [Fact]
    public void ConvolutionSameStrideOne() =>
        Check([5, 6, 3], new Conv2D { KernelH = 3, KernelW = 3, OutChannels = 4 });

    [Fact]
    public void ConvolutionValidStrideTwoWithATallKernel() =>
        Check([11, 8, 1], new Conv2D { KernelH = 5, KernelW = 2, StrideH = 2, StrideW = 2, OutChannels = 3, Padding = Padding.Valid });

    [Fact]
    public void ConvolutionSameWithStrideAndUnevenPadding() =>
        Check([9, 7, 2], new Conv2D { KernelH = 4, KernelW = 3, StrideH = 2, StrideW = 3, OutChannels = 5 });

    [Fact]
    public void PointwiseConvolution() =>
        Check([4, 3, 6], new Conv2D { KernelH = 1, KernelW = 1, OutChannels = 7 });

    [Fact]
    public void WidePointwiseConvolutionUsesEveryProductKernel() =>
        Check([3, 3, 26], new Conv2D { KernelH = 1, KernelW = 1, OutChannels = 18 });

    [Fact]
    public void ConvolutionWithFusedRelu() =>
        Check([5, 5, 2], new Conv2D { KernelH = 3, KernelW = 3, OutChannels = 3, Activation = Activation.Relu });

    [Fact]
    public void DepthwiseSameStrideOne() =>
        Check([5, 6, 4], new DepthwiseConv2D { KernelH = 3, KernelW = 3 });

    [Fact]
    public void DepthwiseWithMultiplierAndStride() =>
        Check([7, 6, 3], new DepthwiseConv2D { KernelH = 3, KernelW = 2, StrideH = 2, StrideW = 2, Multiplier = 2 });

    [Fact]
    public void DepthwiseValidWithRelu6() =>
        Check([6, 6, 2], new DepthwiseConv2D { KernelH = 3, KernelW = 3, Padding = Padding.Valid, Activation = Activation.Relu6 }, inputScale: 4f);

    [Fact]
    public void DenseOverAFeatureMap() =>
        Check([2, 3, 2], new Dense { Units = 5 });

    [Fact]
    public void DenseWithRelu() =>
        Check([9], new Dense { Units = 6, Activation = Activation.Relu });

    [Fact]
    public void BatchNormWithBatchStatistics() =>
        Check([3, 2, 4], new BatchNorm(), training: true);

    [Fact]
    public void BatchNormWithRunningStatistics() =>
        Check([3, 2, 4], new BatchNorm(), training: false);

    [Fact]
    public void BatchNormOverFlatFeaturesWithRelu() =>
        Check([6], new BatchNorm { Activation = Activation.Relu }, training: true, batch: 5);

    [Fact]
    public void GlobalAveragePool() =>
        Check([4, 5, 3], new AveragePool());

    [Fact]
    public void AveragePoolSameWithPaddingThatCountsForNothing() =>
        Check([5, 5, 2], new AveragePool { KernelH = 2, KernelW = 3, StrideH = 2, StrideW = 2, Padding = Padding.Same });

    [Fact]
    public void SoftmaxLayer() =>
        Check([5], new Softmax());

    [Fact]
    public void StackOfEveryLayerType()
    {
        var model = new FloatModel
        {
            InputShape = [9, 8, 1],
            Layers =
            [
                new Conv2D { Name = "conv", KernelH = 4, KernelW = 3, StrideH = 2, StrideW = 2, OutChannels = 4 },
                new BatchNorm { Name = "bn1", Activation = Activation.Relu },
                new DepthwiseConv2D { Name = "dw", KernelH = 3, KernelW = 3 },
                new BatchNorm { Name = "bn2", Activation = Activation.Relu },
                new Conv2D { Name = "pw", KernelH = 1, KernelW = 1, OutChannels = 5 },
                new AveragePool { Name = "pool" },
                new Flatten { Name = "flat" },
                new Dense { Name = "fc", Units = 3 },
                new Softmax { Name = "softmax" },
            ],
        };
        GradientCheck.Run(model, batch: 4, training: true, seed: 11);
    }

    [Fact]
    public void SoftmaxCrossEntropyGradientIsProbabilitiesMinusTargets()
    {
        var rng = new RandomStream(3);
        float[] logits = Enumerable.Range(0, 8).Select(_ => (float)rng.Normal()).ToArray();
        int[] labels = [1, 3];
        var gradient = new float[8];
        SoftmaxCrossEntropy.Compute(logits, labels, 2, 4, gradient, labelSmoothing: 0.1f);
        for (var i = 0; i < logits.Length; i++)
        {
            var plus = (float[])logits.Clone();
            var minus = (float[])logits.Clone();
            plus[i] += 1e-2f;
            minus[i] -= 1e-2f;
            var numeric = (SoftmaxCrossEntropy.Compute(plus, labels, 2, 4, null, labelSmoothing: 0.1f)
                           - SoftmaxCrossEntropy.Compute(minus, labels, 2, 4, null, labelSmoothing: 0.1f)) / 2e-2f;
            Assert.Equal(numeric, gradient[i], 2e-3);
        }
    }

    [Fact]
    public void MeanSquaredErrorGradient()
    {
        float[] output = [0.5f, -1f, 2f, 0f], target = [0f, 0f, 1f, 1f];
        var gradient = new float[4];
        var loss = MeanSquaredError.Compute(output, target, 2, 2, gradient);
        Assert.Equal((0.25 + 1 + 1 + 1) / 4, loss, 6);
        Assert.Equal([0.25f, -0.5f, 0.5f, -0.5f], gradient);
    }

    private static void Check(int[] inputShape, Layer layer, bool training = true, int batch = 3, float inputScale = 1f)
    {
        layer.Name = layer.GetType().Name;
        var model = new FloatModel { InputShape = inputShape, Layers = [layer] };
        GradientCheck.Run(model, batch, training, seed: 7, inputScale);
    }
}

/// <summary>
/// Random parameters and inputs, loss = Σ r ⊙ output for a random r; the analytic gradients of every parameter and
/// of the input against (L(θ + h) − L(θ − h)) / 2h.
/// </summary>
internal static class GradientCheck
{
    public static void Run(FloatModel model, int batch, bool training, ulong seed, float inputScale = 1f)
    {
        Randomize(model, seed);
        var network = Network.FromModel(model);
        var rng = new RandomStream(seed + 1);
        var x = Enumerable.Range(0, batch * network.InputSize).Select(_ => (float)(inputScale * rng.Normal())).ToArray();
        var r = Enumerable.Range(0, batch * network.OutputSize).Select(_ => (float)rng.Normal()).ToArray();

        double Loss()
        {
            var y = network.Forward(x, batch, training);
            double sum = 0;
            for (var i = 0; i < r.Length; i++) sum += (double)r[i] * y[i];
            return sum;
        }

        Loss();
        var dx = new float[x.Length];
        network.Backward(r, batch, dx);
        var analytic = network.Parameters.Select(p => (float[])p.Grad.Clone()).ToList();
        var failures = new List<string>();
        int compared = 0, kinks = 0;
        void Check(string what, float[] values, int i, double analyticValue)
        {
            // A ReLU kink inside [θ − h, θ + h] makes the one-sided slopes disagree; the central difference is then off
            // by at most half their gap, so coordinates whose gap exceeds the tolerance are skipped (and counted).
            const float h = 1e-2f;
            var saved = values[i];
            var centre = Loss();
            values[i] = saved + h;
            var plus = Loss();
            values[i] = saved - h;
            var minus = Loss();
            values[i] = saved;
            double right = (plus - centre) / h, left = (centre - minus) / h, numeric = (plus - minus) / (2 * h);
            var tolerance = 2e-2 * Math.Max(1.0, Math.Max(Math.Abs(analyticValue), Math.Abs(numeric)));
            if (Math.Abs(right - left) > tolerance)
            {
                kinks++;
                return;
            }
            compared++;
            if (Math.Abs(analyticValue - numeric) > tolerance)
                failures.Add($"{what}: analytic {analyticValue:G6}, numeric {numeric:G6}");
        }
        for (var k = 0; k < network.Parameters.Count; k++)
        {
            var p = network.Parameters[k];
            foreach (var i in Sample(p.Value.Length, rng))
                Check($"{p.Name}[{i}]", p.Value, i, analytic[k][i]);
        }
        foreach (var i in Sample(x.Length, rng))
            Check($"input[{i}]", x, i, dx[i]);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(kinks <= compared / 4, $"{kinks} coordinates skipped at kinks, only {compared} compared");
    }

    private static IEnumerable<int> Sample(int length, RandomStream rng) =>
        length <= 40 ? Enumerable.Range(0, length) : Enumerable.Range(0, 40).Select(_ => rng.NextInt(length)).Distinct();

    /// <summary>Every parameter of the model random (variances positive), away from degenerate values.</summary>
    public static void Randomize(FloatModel model, ulong seed)
    {
        var shapes = model.Shapes();
        var rng = new RandomStream(seed);
        float[] R(long n, double scale = 0.5, double offset = 0) => Enumerable.Range(0, (int)n).Select(_ => (float)(offset + scale * rng.Normal())).ToArray();
        for (var i = 0; i < model.Layers.Count; i++)
        {
            var input = shapes[i];
            switch (model.Layers[i])
            {
                case Conv2D c:
                    c.Weights = R((long)c.OutChannels * c.KernelH * c.KernelW * input[2]);
                    c.Bias = R(c.OutChannels, 0.1);
                    break;
                case DepthwiseConv2D d:
                    d.Weights = R((long)d.KernelH * d.KernelW * input[2] * d.Multiplier);
                    d.Bias = R(input[2] * d.Multiplier, 0.1);
                    break;
                case Dense d:
                    d.Weights = R((long)d.Units * input.Aggregate(1, (a, b) => a * b));
                    d.Bias = R(d.Units, 0.1);
                    break;
                case BatchNorm b:
                    var n = input[^1];
                    b.Gamma = R(n, 0.3, 1.5);
                    b.Beta = R(n, 0.3);
                    b.Mean = R(n, 0.3);
                    b.Variance = R(n, 0.2).Select(v => 0.5f + MathF.Abs(v)).ToArray();
                    break;
            }
        }
    }
}

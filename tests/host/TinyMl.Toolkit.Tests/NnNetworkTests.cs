using TinyMl.Toolkit.Model;
using TinyMl.Toolkit.Nn;

namespace TinyMl.Toolkit.Tests;

public class NnNetworkTests
{
    private static FloatModel EveryLayerType() => new()
    {
        InputShape = [49, 40, 1],
        Labels = ["a", "b", "c", "d"],
        Layers =
        [
            new Conv2D { Name = "conv", KernelH = 10, KernelW = 4, StrideH = 2, StrideW = 2, OutChannels = 8 },
            new BatchNorm { Name = "bn", Activation = Activation.Relu },
            new DepthwiseConv2D { Name = "dw", KernelH = 3, KernelW = 3, StrideH = 2, StrideW = 2, Multiplier = 2 },
            new BatchNorm { Name = "bn2", Activation = Activation.Relu6 },
            new Conv2D { Name = "pw", KernelH = 1, KernelW = 1, OutChannels = 26, Activation = Activation.Relu },
            new AveragePool { Name = "pool2", KernelH = 3, KernelW = 3, StrideH = 2, StrideW = 2, Padding = Padding.Same },
            new Conv2D { Name = "conv3", KernelH = 3, KernelW = 3, OutChannels = 6, Padding = Padding.Valid },
            new AveragePool { Name = "pool" },
            new Flatten { Name = "flat" },
            new Dense { Name = "fc1", Units = 10, Activation = Activation.Relu },
            new Dense { Name = "fc", Units = 4 },
            new Softmax { Name = "softmax" },
        ],
    };

    [Fact]
    public void InferenceForwardEqualsTheReferenceForward()
    {
        var model = EveryLayerType();
        GradientCheck.Randomize(model, 5);
        var network = Network.FromModel(model);
        var rng = new RandomStream(9);
        const int batch = 3;
        var x = Enumerable.Range(0, batch * network.InputSize).Select(_ => (float)rng.Uniform(-1, 1)).ToArray();
        var y = network.Predict(x, batch);
        for (var b = 0; b < batch; b++)
        {
            var expected = Inference.LayerOutputs(model, x.AsSpan(b * network.InputSize, network.InputSize).ToArray());
            // Every layer, not only the output: a mistake early on must not hide behind the softmax.
            for (var l = 0; l < network.Layers.Count; l++)
            {
                var actual = LayerOutput(network, model, x, batch, l, b);
                AssertClose(expected[l], actual, $"layer {l} '{model.Layers[l].Name}', sample {b}");
            }
            AssertClose(expected[^1], y.AsSpan(b * network.OutputSize, network.OutputSize).ToArray(), $"output, sample {b}");
        }
    }

    [Fact]
    public void ToModelWritesBackEveryTrainedValueAndRunningStatistics()
    {
        var model = EveryLayerType();
        GradientCheck.Randomize(model, 5);
        var network = Network.FromModel(model, stopBeforeSoftmax: true);
        var rng = new RandomStream(1);
        var x = Enumerable.Range(0, 4 * network.InputSize).Select(_ => (float)rng.Normal()).ToArray();
        network.Forward(x, 4, training: true); // updates the running statistics
        foreach (var p in network.Parameters) p.Value[0] += 1f;
        var trained = network.ToModel();
        Assert.Equal(((Conv2D)model.Layers[0]).Weights[0] + 1f, ((Conv2D)trained.Layers[0]).Weights[0]);
        Assert.Equal(((Dense)model.Layers[10]).Bias[0] + 1f, ((Dense)trained.Layers[10]).Bias[0]);
        Assert.NotEqual(((BatchNorm)model.Layers[1]).Mean, ((BatchNorm)trained.Layers[1]).Mean);
        Assert.IsType<Softmax>(trained.Layers[^1]);
        Assert.Equal(model.Labels, trained.Labels);
        trained.Validate();
        // The source model is untouched.
        Assert.NotEqual(((Conv2D)model.Layers[0]).Weights[0], ((Conv2D)trained.Layers[0]).Weights[0]);
    }

    [Fact]
    public void StopBeforeSoftmaxOutputsLogits()
    {
        var model = EveryLayerType();
        GradientCheck.Randomize(model, 2);
        var logits = Network.FromModel(model, stopBeforeSoftmax: true);
        Assert.Equal([4], logits.OutputShape);
        Assert.IsNotType<SoftmaxLayer>(logits.Layers[^1]);
        var x = new float[logits.InputSize];
        var l = logits.Predict(x, 1);
        var p = Network.FromModel(model).Predict(x, 1);
        var softmax = new float[4];
        SoftmaxLayer.Normalize(l, softmax);
        AssertClose(p, softmax, "softmax of logits");
    }

    [Fact]
    public void BatchNormTrainingNormalizesTheBatch()
    {
        var model = new FloatModel { InputShape = [2, 2, 3], Layers = [new BatchNorm { Epsilon = 0f }] };
        Initializer.Initialize(model, 1);
        var network = Network.FromModel(model);
        var rng = new RandomStream(4);
        var x = Enumerable.Range(0, 5 * 12).Select(_ => (float)(3 + 2 * rng.Normal())).ToArray();
        var y = network.Forward(x, 5, training: true);
        for (var c = 0; c < 3; c++)
        {
            var values = Enumerable.Range(0, 20).Select(k => (double)y[k * 3 + c]).ToArray();
            Assert.Equal(0, values.Average(), 4);
            Assert.Equal(1, values.Select(v => v * v).Average(), 3);
        }
    }

    [Fact]
    public void AdamFindsTheMinimumOfALeastSquaresProblem()
    {
        // y = A x + b with known A, b; a Dense layer learns them from exact data (a convex problem).
        var model = new FloatModel { InputShape = [3], Layers = [new Dense { Units = 2 }] };
        Initializer.Initialize(model, 3);
        var network = Network.FromModel(model);
        float[] a = [1f, -2f, 0.5f, 3f, 0f, -1f], bias = [0.25f, -0.75f];
        var rng = new RandomStream(8);
        const int batch = 32;
        var adam = new Adam(network.Parameters);
        var gradient = new float[batch * 2];
        float loss = 0;
        for (var step = 0; step < 600; step++)
        {
            var x = Enumerable.Range(0, batch * 3).Select(_ => (float)rng.Normal()).ToArray();
            var target = new float[batch * 2];
            for (var s = 0; s < batch; s++)
            for (var u = 0; u < 2; u++)
                target[s * 2 + u] = bias[u] + a[u * 3] * x[s * 3] + a[u * 3 + 1] * x[s * 3 + 1] + a[u * 3 + 2] * x[s * 3 + 2];
            var y = network.Forward(x, batch, training: true);
            loss = MeanSquaredError.Compute(y, target, batch, 2, gradient);
            network.Backward(gradient, batch);
            adam.Step(new LearningRateSchedule(0.05f, 20, 600).At(step));
        }
        var trained = (Dense)network.ToModel().Layers[0];
        Assert.True(loss < 1e-5, $"loss {loss}");
        for (var i = 0; i < 6; i++) Assert.Equal(a[i], trained.Weights[i], 2e-3);
        for (var u = 0; u < 2; u++) Assert.Equal(bias[u], trained.Bias[u], 2e-3);
    }

    [Fact]
    public void WeightDecayShrinksWeightsButNotBiases()
    {
        var model = new FloatModel { InputShape = [2], Layers = [new Dense { Units = 1, Weights = [1f, 1f], Bias = [1f] }] };
        var network = Network.FromModel(model);
        var adam = new Adam(network.Parameters) { WeightDecay = 0.5f };
        adam.Step(0.1f); // every gradient is zero: only the decay acts
        Assert.Equal(0.95f, network.Parameters[0].Value[0], 6);
        Assert.Equal(1f, network.Parameters[1].Value[0]);
    }

    [Fact]
    public void WeightAverageFollowsTheWeightsAndSwapsBack()
    {
        var p = new Parameter("w", [0f, 10f], decay: true);
        var average = new WeightAverage([p], 0.5f);
        p.Value[0] = 4f;
        average.Update(); // 0.5 · 0 + 0.5 · 4
        average.Swap();
        Assert.Equal([2f, 10f], p.Value);
        average.Swap();
        Assert.Equal([4f, 10f], p.Value);
    }

    [Fact]
    public void ScheduleWarmsUpThenFollowsAHalfCosine()
    {
        var s = new LearningRateSchedule(1f, 10, 110, 0f);
        Assert.Equal(0.1f, s.At(0), 6);
        Assert.Equal(1f, s.At(9), 6);
        Assert.Equal(1f, s.At(10), 6);
        Assert.Equal(0.5f, s.At(60), 6);
        Assert.Equal(0f, s.At(110), 6);
    }

    [Fact]
    public void InitializerIsDeterministicAndScaledByFanIn()
    {
        var a = EveryLayerType();
        var b = EveryLayerType();
        Initializer.Initialize(a, 42);
        Initializer.Initialize(b, 42);
        Assert.Equal(((Conv2D)a.Layers[4]).Weights, ((Conv2D)b.Layers[4]).Weights);
        var pw = ((Conv2D)a.Layers[4]).Weights; // 1×1 over 16 channels feeding a ReLU: He σ = √(2/16)
        var sigma = Math.Sqrt(pw.Select(w => (double)w * w).Average());
        Assert.InRange(sigma, 0.3, 0.42);
        Assert.All(((BatchNorm)a.Layers[1]).Gamma, g => Assert.Equal(1f, g));
        a.Validate();
    }

    [Fact]
    public void RandomStreamIsFixedBySeedAndUnbiased()
    {
        var a = new RandomStream(123);
        var b = new RandomStream(123);
        Assert.Equal(a.NextUInt64(), b.NextUInt64());
        Assert.NotEqual(RandomStream.Fork(1, 2).NextUInt64(), RandomStream.Fork(1, 3).NextUInt64());
        var counts = new int[3];
        for (var i = 0; i < 30000; i++) counts[a.NextInt(3)]++;
        Assert.All(counts, c => Assert.InRange(c, 9500, 10500));
    }

    private static float[] LayerOutput(Network network, FloatModel model, float[] x, int batch, int layer, int sample)
    {
        var prefix = new FloatModel { InputShape = model.InputShape, Layers = model.Layers.Take(layer + 1).ToList() };
        var partial = Network.FromModel(prefix);
        var y = partial.Predict(x, batch);
        return y.AsSpan(sample * partial.OutputSize, partial.OutputSize).ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1f, expected.Max(MathF.Abs));
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * scale,
                $"{what}[{i}]: expected {expected[i]:G7}, got {actual[i]:G7}");
    }
}

using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Tests;

public class FloatModelTests
{
    private static FloatModel SmallKwsLike()
    {
        var rng = new Random(1);
        float[] R(int n) => Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        return new FloatModel
        {
            InputShape = [49, 40, 1],
            Labels = ["a", "b", "c"],
            Layers =
            [
                new Conv2D { Name = "conv", KernelH = 10, KernelW = 4, StrideH = 2, StrideW = 2, OutChannels = 8, Weights = R(8 * 10 * 4), Bias = R(8) },
                new BatchNorm { Name = "bn", Gamma = R(8), Beta = R(8), Mean = R(8), Variance = R(8).Select(v => v + 1).ToArray(), Activation = Activation.Relu },
                new DepthwiseConv2D { Name = "dw", KernelH = 3, KernelW = 3, Weights = R(9 * 8), Bias = R(8), Activation = Activation.Relu6 },
                new AveragePool { Name = "pool" },
                new Flatten(),
                new Dense { Name = "fc", Units = 3, Weights = R(3 * 8), Bias = R(3) },
                new Softmax(),
            ],
            Metadata = { ["features"] = "micro_speech" },
        };
    }

    [Fact]
    public void ShapesFollowTfLitePaddingRules()
    {
        var shapes = SmallKwsLike().Shapes();
        Assert.Equal([25, 20, 8], shapes[1]);
        Assert.Equal([1, 1, 8], shapes[4]);
        Assert.Equal([3], shapes[^1]);
    }

    [Fact]
    public void SaveAndLoadRoundTripEveryLayerAndValue()
    {
        var model = SmallKwsLike();
        var path = Path.Combine(Path.GetTempPath(), $"tmf-{Guid.NewGuid():N}.tmf");
        try
        {
            model.Save(path);
            var loaded = FloatModel.Load(path);
            Assert.Equal(model.Layers.Select(l => l.GetType()), loaded.Layers.Select(l => l.GetType()));
            Assert.Equal(((Conv2D)model.Layers[0]).Weights, ((Conv2D)loaded.Layers[0]).Weights);
            Assert.Equal(Activation.Relu6, ((DepthwiseConv2D)loaded.Layers[2]).Activation);
            Assert.Equal(model.Labels, loaded.Labels);
            Assert.Equal("micro_speech", loaded.Metadata["features"]);
            Assert.Equal(model.Macs(), loaded.Macs());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ValidateNamesTheLayerWithWrongParameterCount()
    {
        var model = SmallKwsLike();
        ((Dense)model.Layers[5]).Weights = new float[5];
        var e = Assert.Throws<ModelException>(model.Validate);
        Assert.Contains("fc", e.Message);
        Assert.Contains("weights", e.Message);
    }

    [Fact]
    public void LoadRefusesAFileOfAnotherFormat()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tmf-{Guid.NewGuid():N}.tmf");
        try
        {
            File.WriteAllText(path, "{\"format\": \"something-else\"}");
            Assert.Throws<ModelException>(() => FloatModel.Load(path));
            File.WriteAllText(path, "not json");
            Assert.Throws<ModelException>(() => FloatModel.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public class InferenceTests
{
    [Fact]
    public void ConvolutionMatchesAHandComputedValueWithSamePadding()
    {
        // 3x3 input of ones, 3x3 kernel of ones, SAME: the corner sees 4 taps, the centre 9.
        var model = new FloatModel
        {
            InputShape = [3, 3, 1],
            Layers = [new Conv2D { KernelH = 3, KernelW = 3, OutChannels = 1, Weights = Enumerable.Repeat(1f, 9).ToArray(), Bias = [0.5f] }],
        };
        var y = Inference.Predict(model, Enumerable.Repeat(1f, 9).ToArray());
        Assert.Equal(4.5f, y[0]);
        Assert.Equal(9.5f, y[4]);
    }

    [Fact]
    public void SoftmaxOutputsSumToOneAndKeepOrder()
    {
        var model = new FloatModel { InputShape = [3], Layers = [new Softmax()] };
        var y = Inference.Predict(model, [1f, 3f, 2f]);
        Assert.Equal(1.0, y.Sum(), 5);
        Assert.True(y[1] > y[2] && y[2] > y[0]);
    }

    [Fact]
    public void BatchNormAppliesStatisticsThenActivation()
    {
        var model = new FloatModel
        {
            InputShape = [1, 1, 2],
            Layers = [new BatchNorm { Gamma = [2f, 1f], Beta = [0f, -5f], Mean = [1f, 0f], Variance = [1f, 1f], Epsilon = 0f, Activation = Activation.Relu }],
        };
        Assert.Equal([4f, 0f], Inference.Predict(model, [3f, 1f]));
    }
}

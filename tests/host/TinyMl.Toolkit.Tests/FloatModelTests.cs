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

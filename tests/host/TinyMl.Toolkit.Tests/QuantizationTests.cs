using TinyMl.Toolkit.Model;
using TinyMl.Toolkit.Quantization;

namespace TinyMl.Toolkit.Tests;

public class BatchNormFoldingTests
{
    public static TheoryData<string> Models => ["kws", "autoencoder", "every"];

    internal static FloatModel ByName(string name) => name switch
    {
        "kws" => ExportTestModels.KwsLike(),
        "autoencoder" => ExportTestModels.AutoencoderLike(),
        _ => ExportTestModels.EveryLayer(),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void FoldingPreservesTheFloatFunction(string name)
    {
        var model = ByName(name);
        var folded = BatchNormFolding.Fold(model);
        Assert.DoesNotContain(folded.Layers, l => l is BatchNorm);
        foreach (var x in ExportTestModels.RandomInputs(model, 10, seed: 5))
        {
            var expected = Inference.Predict(model, x);
            var actual = Inference.Predict(folded, x);
            var scale = Math.Max(1e-3f, expected.Max(MathF.Abs));
            for (var i = 0; i < expected.Length; i++)
                Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-5f * scale + 1e-6f, $"{name} output {i}: {expected[i]} vs {actual[i]}");
        }
    }

    [Fact]
    public void FoldingMovesTheActivationOntoTheLayer()
    {
        var folded = BatchNormFolding.Fold(ExportTestModels.KwsLike());
        Assert.Equal(Activation.Relu, ((Conv2D)folded.Layers[0]).Activation);
        Assert.Equal(Activation.Relu6, ((DepthwiseConv2D)folded.Layers[1]).Activation);
    }

    [Fact]
    public void FoldingLeavesTheOriginalModelUnchanged()
    {
        var model = ExportTestModels.KwsLike();
        var before = ((Conv2D)model.Layers[0]).Weights.ToArray();
        BatchNormFolding.Fold(model);
        Assert.Equal(before, ((Conv2D)model.Layers[0]).Weights);
        Assert.IsType<BatchNorm>(model.Layers[1]);
    }

    [Fact]
    public void ABatchNormAfterPoolingCannotBeFolded()
    {
        var model = new FloatModel
        {
            InputShape = [4, 4, 2],
            Layers = [new AveragePool { Name = "pool" }, new BatchNorm { Name = "bn", Gamma = [1, 1], Beta = [0, 0], Mean = [0, 0], Variance = [1, 1] }],
        };
        var e = Assert.Throws<ModelException>(() => BatchNormFolding.Fold(model));
        Assert.Contains("'bn'", e.Message);
        Assert.Contains("AveragePool", e.Message);
    }

    [Fact]
    public void ABatchNormAfterAnActivatedLayerCannotBeFolded()
    {
        var model = new FloatModel
        {
            InputShape = [3],
            Layers =
            [
                new Dense { Name = "fc", Units = 2, Weights = new float[6], Bias = new float[2], Activation = Activation.Relu },
                new BatchNorm { Name = "bn", Gamma = [1, 1], Beta = [0, 0], Mean = [0, 0], Variance = [1, 1] },
            ],
        };
        Assert.Contains("fused activation", Assert.Throws<ModelException>(() => BatchNormFolding.Fold(model)).Message);
    }
}

public class QuantizerTests
{
    private static (FloatModel Folded, QuantizedModel Plan) Kws(QuantizeOptions? options = null)
    {
        var model = ExportTestModels.KwsLike();
        options ??= new QuantizeOptions { InputQuantization = Quantizer.KwsInput };
        var plan = Quantizer.Quantize(model, ExportTestModels.RandomInputs(model, 20, seed: 6), options);
        return (BatchNormFolding.Fold(model), plan);
    }

    private static QuantizedOperator Op(QuantizedModel plan, string layer) => plan.Operators.Single(o => o.Layer == layer);

    [Fact]
    public void ConvolutionWeightsAreSymmetricPerOutputChannel()
    {
        var (folded, plan) = Kws();
        var conv = (Conv2D)folded.Layers[0];
        var w = plan.Tensors[Op(plan, "conv1").Inputs[1]];
        Assert.Equal([8, 10, 4, 1], w.Shape);
        var q = w.Quantization!;
        Assert.Equal(8, q.Scales.Length);
        Assert.Equal(0, q.Dimension);
        Assert.All(q.ZeroPoints, z => Assert.Equal(0, z));
        var values = w.Int8Values();
        Assert.All(values, v => Assert.InRange(v, (sbyte)-127, (sbyte)127));
        for (var c = 0; c < 8; c++)
        {
            var channel = conv.Weights.Skip(c * 40).Take(40).ToArray();
            Assert.Equal(channel.Max(MathF.Abs) / 127f, q.Scales[c], 1e-7f);
            Assert.Equal(127, values.Skip(c * 40).Take(40).Max(v => Math.Abs((int)v))); // the largest weight uses the full range
            for (var i = 0; i < 40; i++)
                Assert.True(Math.Abs(channel[i] - q.Scales[c] * values[c * 40 + i]) <= q.Scales[c] / 2 * 1.0001f);
        }
    }

    [Fact]
    public void DepthwiseWeightsAreQuantizedAlongTheLastDimension()
    {
        var (folded, plan) = Kws();
        var dw = (DepthwiseConv2D)folded.Layers[1];
        var w = plan.Tensors[Op(plan, "dw1").Inputs[1]];
        Assert.Equal([1, 3, 3, 8], w.Shape);
        Assert.Equal(3, w.Quantization!.Dimension);
        for (var c = 0; c < 8; c++)
        {
            var maxAbs = Enumerable.Range(0, 9).Max(k => MathF.Abs(dw.Weights[k * 8 + c]));
            Assert.Equal(maxAbs / 127f, w.Quantization.Scales[c], 1e-7f);
        }
    }

    [Fact]
    public void BiasesAreInt32AtInputScaleTimesWeightScale()
    {
        var (folded, plan) = Kws();
        var conv = (Conv2D)folded.Layers[0];
        var op = Op(plan, "conv1");
        var inputScale = plan.Tensors[op.Inputs[0]].Quantization!.Scale;
        var w = plan.Tensors[op.Inputs[1]].Quantization!;
        var b = plan.Tensors[op.Inputs[2]];
        Assert.Equal(QuantizedType.Int32, b.Type);
        var values = b.Int32Values();
        for (var c = 0; c < 8; c++)
        {
            var scale = inputScale * w.Scales[c];
            Assert.Equal(scale, b.Quantization!.Scales[c]);
            Assert.Equal(0, b.Quantization.ZeroPoints[c]);
            Assert.Equal((int)Math.Round(conv.Bias[c] / (double)scale, MidpointRounding.AwayFromZero), values[c]);
        }
    }

    [Fact]
    public void DenseIsPerTensorUnlessAskedPerChannel()
    {
        var (_, plan) = Kws();
        Assert.Single(plan.Tensors[Op(plan, "fc").Inputs[1]].Quantization!.Scales);
        var (_, perChannel) = Kws(new QuantizeOptions { InputQuantization = Quantizer.KwsInput, DensePerChannel = true });
        Assert.Equal(12, perChannel.Tensors[Op(perChannel, "fc").Inputs[1]].Quantization!.Scales.Length);
    }

    [Fact]
    public void KwsInputIsFixedAndSoftmaxOutputIsAt1Over256()
    {
        var (_, plan) = Kws();
        Assert.Equal(1f / 128f, plan.Input.Quantization!.Scale);
        Assert.Equal(0, plan.Input.Quantization.ZeroPoint);
        Assert.Equal([1, 49, 40, 1], plan.Input.Shape);
        Assert.Equal(1f / 256f, plan.Output.Quantization!.Scale);
        Assert.Equal(-128, plan.Output.Quantization.ZeroPoint);
        Assert.Equal([1, 12], plan.Output.Shape);
    }

    [Fact]
    public void ActivationsAreAsymmetricWithZeroExactAndReluStartingAtTheBottom()
    {
        var (_, plan) = Kws();
        foreach (var op in plan.Operators.Where(o => o.Op is QuantizedOp.Conv2D or QuantizedOp.DepthwiseConv2D or QuantizedOp.FullyConnected))
        {
            var q = plan.Tensors[op.Outputs[0]].Quantization!;
            Assert.InRange(q.ZeroPoint, -128, 127);
            if (op.Activation != Activation.None) Assert.Equal(-128, q.ZeroPoint); // range [0, max]
        }
        var relu6 = plan.Tensors[Op(plan, "dw1").Outputs[0]].Quantization!;
        Assert.True(relu6.Scale * 255 <= 6f * 1.0001f);
    }

    [Fact]
    public void PoolingAndFlattenKeepTheirInputQuantizationAndFlattenIsAReshape()
    {
        var (_, plan) = Kws();
        foreach (var op in plan.Operators.Where(o => o.Op is QuantizedOp.AveragePool2D or QuantizedOp.Reshape))
            Assert.True(plan.Tensors[op.Inputs[0]].Quantization!.SameAs(plan.Tensors[op.Outputs[0]].Quantization));
        var reshape = Op(plan, "flatten");
        Assert.Equal(QuantizedOp.Reshape, reshape.Op);
        Assert.Equal([1, 8], plan.Tensors[reshape.Outputs[0]].Shape);
        var pool = Op(plan, "pool");
        Assert.Equal((25, 20), (pool.FilterH, pool.FilterW));
    }

    [Fact]
    public void RangesAlwaysContainZeroAndRelu6EndsAtSix()
    {
        Assert.Equal(new FloatRange(0, 3), Calibration.Normalize(1, 3, Activation.None));
        Assert.Equal(new FloatRange(-2, 0), Calibration.Normalize(-2, -1, Activation.None));
        Assert.Equal(new FloatRange(0, 6), Calibration.Normalize(-1, 9, Activation.Relu6));
        Assert.Equal(new FloatRange(0, 9), Calibration.Normalize(-1, 9, Activation.Relu));
        var q = Quantizer.ActivationParams(new FloatRange(-1, 3));
        Assert.Equal(4f / 255f, q.Scale);
        Assert.Equal(-64, q.ZeroPoint); // −128 + 1/(4/255) = −64.25
        var dead = Quantizer.ActivationParams(new FloatRange(0, 0));
        Assert.True(dead.Scale > 0);
    }

    [Fact]
    public void MeanOfExtremesGivesANarrowerRangeThanMinMax()
    {
        var model = ExportTestModels.AutoencoderLike();
        var folded = BatchNormFolding.Fold(model);
        var samples = ExportTestModels.RandomInputs(model, 50, seed: 7);
        var minMax = Calibration.Collect(folded, samples, RangeMethod.MinMax);
        var mean = Calibration.Collect(folded, samples, RangeMethod.MeanMinMax);
        for (var l = 0; l < folded.Layers.Count; l++)
        {
            Assert.True(mean.Layers[l].Max <= minMax.Layers[l].Max);
            Assert.True(mean.Layers[l].Min >= minMax.Layers[l].Min);
        }
    }

    [Fact]
    public void QuantizationIsDeterministic()
    {
        var a = QuantizedModelFile.ToJson(Kws().Plan).ToJsonString();
        var b = QuantizedModelFile.ToJson(Kws().Plan).ToJsonString();
        Assert.Equal(a, b);
    }

    [Fact]
    public void PlanFileRoundTripsEveryTensorAndOperator()
    {
        var (_, plan) = Kws();
        var path = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.tqm");
        try
        {
            QuantizedModelFile.Save(plan, path);
            var loaded = QuantizedModelFile.Load(path);
            Assert.Equal(QuantizedModelFile.ToJson(plan).ToJsonString(), QuantizedModelFile.ToJson(loaded).ToJsonString());
            Assert.Equal(plan.Tensors[1].Data, loaded.Tensors[1].Data);
            Assert.Equal(plan.Tensors[1].Quantization!.Scales, loaded.Tensors[1].Quantization!.Scales);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadingABrokenPlanNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.tqm");
        try
        {
            File.WriteAllText(path, "{\"format\": \"tinyml-int8-plan/1\", \"tensors\": []}");
            Assert.Contains(path, Assert.Throws<ModelException>(() => QuantizedModelFile.Load(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

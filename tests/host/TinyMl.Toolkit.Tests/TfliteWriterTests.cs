using System.Buffers.Binary;
using TinyMl.Toolkit.Evaluation;
using TinyMl.Toolkit.Model;
using TinyMl.Toolkit.Quantization;
using TinyMl.Toolkit.Tflite;

namespace TinyMl.Toolkit.Tests;

public class FlatBufferBuilderTests
{
    [Fact]
    public void TablesWithTheSameLayoutShareOneVtable()
    {
        var fb = new FlatBufferBuilder();
        var tables = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            fb.StartTable(2);
            fb.AddInt32(1, 100 + i);
            tables.Add(fb.EndTable());
        }
        var vector = fb.CreateOffsetVector(tables);
        fb.StartTable(1);
        fb.AddOffset(0, vector);
        var bytes = fb.Finish(fb.EndTable(), "TEST");

        Assert.Equal("TEST"u8.ToArray(), bytes[4..8]);
        var root = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        int Field(int table, int id)
        {
            var vtable = table - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(table));
            return table + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(vtable + 4 + 2 * id));
        }
        var vec = Field(root, 0) + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Field(root, 0)));
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(vec)));
        var vtables = new HashSet<int>();
        for (var i = 0; i < 3; i++)
        {
            var slot = vec + 4 + 4 * i;
            var table = slot + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(slot));
            Assert.Equal(100 + i, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Field(table, 1))));
            vtables.Add(table - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(table)));
        }
        Assert.Single(vtables);
    }

    [Fact]
    public void VectorDataStartsAtTheRequestedAlignment()
    {
        foreach (var length in new[] { 1, 3, 17, 100 })
        {
            var fb = new FlatBufferBuilder(64);
            fb.CreateString("x");
            var data = fb.CreateByteVector(Enumerable.Range(1, length).Select(i => (byte)i).ToArray(), alignment: 16);
            fb.StartTable(1);
            fb.AddOffset(0, data);
            var bytes = fb.Finish(fb.EndTable(), "TEST");
            var start = bytes.Length - data + 4; // offsets count from the end
            Assert.Equal(0, start % 16);
            Assert.Equal(length, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(start - 4)));
            Assert.Equal(1, bytes[start]);
        }
    }
}

public class TfliteWriterTests
{
    internal static QuantizedModel Plan(FloatModel model, QuantizeOptions? options = null, int samples = 30) =>
        Quantizer.Quantize(model, ExportTestModels.RandomInputs(model, samples, seed: 11), options ?? new QuantizeOptions());

    private static QuantizedModel KwsPlan() =>
        Plan(ExportTestModels.KwsLike(), new QuantizeOptions { InputQuantization = Quantizer.KwsInput });

    [Fact]
    public void TheEngineReadsTheOperatorsShapesAndQuantization()
    {
        using var model = new TinyMl.Model(TfliteWriter.Write(KwsPlan()));
        Assert.Equal(["CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D", "AVERAGE_POOL_2D", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX"],
            Enumerable.Range(0, model.OperatorCount).Select(model.OperatorName));
        var input = model.Input(0);
        Assert.Equal(TensorType.Int8, input.Type);
        Assert.Equal([1, 49, 40, 1], input.Shape);
        Assert.Equal(1f / 128f, input.Scale);
        Assert.Equal(0, input.ZeroPoint);
        var output = model.Output(0);
        Assert.Equal([1, 12], output.Shape);
        Assert.Equal(1f / 256f, output.Scale);
        Assert.Equal(-128, output.ZeroPoint);

        var convWeights = model.Tensor(model.OperatorInputs(0)[1]);
        Assert.Equal([8, 10, 4, 1], convWeights.Shape);
        Assert.Equal(8, convWeights.QuantizedChannels);
        Assert.Equal(TensorType.Int32, model.Tensor(model.OperatorInputs(0)[2]).Type);
        Assert.Equal(8, model.Tensor(model.OperatorInputs(1)[1]).QuantizedChannels);
        Assert.Equal(1, model.Tensor(model.OperatorInputs(5)[1]).QuantizedChannels);
        Assert.Equal(ExportTestModels.KwsLike().Macs(), model.Macs);
    }

    [Fact]
    public void TheFileHasTheTfliteHeaderAndAlignedConstantData()
    {
        var plan = KwsPlan();
        var bytes = TfliteWriter.Write(plan);
        Assert.Equal("TFL3"u8.ToArray(), bytes[4..8]);
        Assert.Equal(0, bytes.Length % 16);
        foreach (var tensor in plan.Tensors.Where(t => t.Data is { Length: >= 32 }))
        {
            var at = bytes.AsSpan().IndexOf(tensor.Data);
            Assert.True(at > 0, $"{tensor.Name} not found");
            Assert.Equal(0, at % 16);
        }
    }

    [Fact]
    public void MetadataCarriesLabelsAndModelSettings()
    {
        var plan = KwsPlan();
        plan.Calibration["source"] = "unit test";
        var meta = TfliteMetadata.Read(TfliteWriter.Write(plan, new ExportOptions { Description = "a test model" }));
        Assert.True(meta.HasToolkitMetadata);
        Assert.Equal("a test model", meta.Description);
        Assert.Equal(plan.Labels, meta.Labels);
        Assert.Equal("micro_speech", meta.Metadata["features"]);
        Assert.Equal("unit test", meta.Calibration["source"]);
    }

    [Fact]
    public void AModelFromElsewhereHasNoToolkitMetadata()
    {
        var path = Path.Combine(SharedFolders.Shared ?? "", "conformance", "models", "hello_world_int8.tflite");
        if (!File.Exists(path)) Assert.Skip($"{path} is absent (../shared not beside the repository)");
        Assert.False(TfliteMetadata.Read(File.ReadAllBytes(path)).HasToolkitMetadata);
    }

    [Fact]
    public void EveryLayerExportsAndTheInt8ModelTracksTheFloatOne()
    {
        var model = ExportTestModels.EveryLayer();
        var plan = Plan(model, samples: 100);
        using var engine = new EngineRunner(TfliteWriter.Write(plan));
        Assert.Equal(["CONV_2D", "DEPTHWISE_CONV_2D", "AVERAGE_POOL_2D", "CONV_2D", "AVERAGE_POOL_2D", "RESHAPE",
            "FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX"], Enumerable.Range(0, engine.Model.OperatorCount).Select(engine.Model.OperatorName));
        var quality = QualityCheck.Compare(model, engine, ExportTestModels.RandomInputs(model, 100, seed: 12));
        Assert.True(quality.MaxAbsError <= 0.06, quality.ToString());
        Assert.True(quality.ArgMaxAgreement >= 0.95, quality.ToString());
    }

    [Fact]
    public void FloatIoWrapsTheInt8GraphInQuantizeAndDequantize()
    {
        var model = ExportTestModels.AutoencoderLike();
        var plan = Plan(model);
        using var int8 = new EngineRunner(TfliteWriter.Write(plan));
        using var floats = new EngineRunner(TfliteWriter.Write(plan, new ExportOptions { FloatIo = true }));
        Assert.Equal(TensorType.Float32, floats.InputInfo.Type);
        Assert.Equal(TensorType.Float32, floats.OutputInfo.Type);
        Assert.Equal("QUANTIZE", floats.Model.OperatorName(0));
        Assert.Equal("DEQUANTIZE", floats.Model.OperatorName(floats.Model.OperatorCount - 1));
        foreach (var x in ExportTestModels.RandomInputs(model, 20, seed: 13))
            Assert.Equal(int8.Predict(x), floats.Predict(x));
    }

    [Fact]
    public void PerChannelDenseExportsAndRuns()
    {
        var model = ExportTestModels.AutoencoderLike();
        var plan = Plan(model, new QuantizeOptions { DensePerChannel = true }, samples: 300);
        using var engine = new EngineRunner(TfliteWriter.Write(plan));
        Assert.Equal(16, engine.Model.Tensor(engine.Model.OperatorInputs(0)[1]).QuantizedChannels);
        var quality = QualityCheck.Compare(model, engine, ExportTestModels.RandomInputs(model, 50, seed: 14));
        TestContext.Current.TestOutputHelper?.WriteLine(quality.ToString());
        Assert.True(quality.RelativeRmsError <= 0.05, quality.ToString());
    }
}

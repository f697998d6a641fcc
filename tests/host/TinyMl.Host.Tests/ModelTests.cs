namespace TinyMl.Host.Tests;

public class ModelTests
{
    // 3 FULLY_CONNECTED operators; int8 input tensor 0 and output tensor 9, each of shape [1, 1].
    private const string HelloWorld = "hello_world_int8";

    [Fact]
    public void EmptyBytesThrowModelError()
    {
        var error = Assert.Throws<TinyMlException>(() => new Model([]));
        Assert.Equal(TinyMlStatus.Model, error.Status);
        Assert.Contains("too short", error.Message);
    }

    [Fact]
    public void RandomBytesThrowModelError()
    {
        byte[] noise = new byte[4096];
        new Random(1234).NextBytes(noise);
        var error = Assert.Throws<TinyMlException>(() => new Model(noise));
        Assert.Equal(TinyMlStatus.Model, error.Status);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void TruncatedModelThrowsModelError()
    {
        byte[] bytes = Conformance.ModelBytes(HelloWorld);
        var error = Assert.Throws<TinyMlException>(() => new Model(bytes[..(bytes.Length / 2)]));
        Assert.Equal(TinyMlStatus.Model, error.Status);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void NullBytesThrowArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new Model(null!));
    }

    [Fact]
    public void CountsDescribeTheModel()
    {
        using Model model = Conformance.Load(HelloWorld);
        Assert.Equal(1, model.InputCount);
        Assert.Equal(1, model.OutputCount);
        Assert.Equal(3, model.OperatorCount);
        Assert.Equal(10, model.TensorCount);
    }

    [Fact]
    public void OperatorNameIsTheSchemaName()
    {
        using Model model = Conformance.Load(HelloWorld);
        Assert.Equal("FULLY_CONNECTED", model.OperatorName(0));
    }

    [Fact]
    public void OperatorInputsAndOutputsChainTheModelsInputToItsOutput()
    {
        using Model model = Conformance.Load(HelloWorld);
        Assert.Equal(model.Input(0).Index, model.OperatorInputs(0)[0]);
        Assert.Equal([model.Output(0).Index], model.OperatorOutputs(model.OperatorCount - 1));
    }

    [Fact]
    public void MacsAreTheSumOfTheOperatorsMacs()
    {
        using Model model = Conformance.Load(HelloWorld);
        Assert.Equal([16L, 256L, 16L], Enumerable.Range(0, model.OperatorCount).Select(model.OperatorMacs));
        Assert.Equal(288L, model.Macs);
    }

    [Fact]
    public void InputInfoDescribesAQuantizedInt8Tensor()
    {
        using Model model = Conformance.Load(HelloWorld);
        TensorInfo input = model.Input(0);
        Assert.Equal(0, input.Index);
        Assert.Equal("serving_default_dense_input:0", input.Name);
        Assert.Equal(TensorType.Int8, input.Type);
        Assert.Equal([1, 1], input.Shape);
        Assert.Equal(1, input.Bytes);
        Assert.True(input.Scale > 0);
        Assert.Equal(1, input.QuantizedChannels);
    }

    [Fact]
    public void ArenaBytesArePersistentPlusActivationBytes()
    {
        using Model model = Conformance.Load(HelloWorld);
        Assert.True(model.PersistentBytes > 0 && model.ActivationBytes > 0);
        Assert.Equal(model.PersistentBytes + model.ActivationBytes, model.ArenaBytes);
    }

    [Fact]
    public void InputIsPlacedInTheArenaFromTheFirstOperator()
    {
        using Model model = Conformance.Load(HelloWorld);
        TensorPlacement placement = model.Placement(model.Input(0).Index);
        Assert.Equal(TensorStorage.Arena, placement.Storage);
        Assert.Equal(model.Input(0).Bytes, placement.Bytes);
        Assert.Equal(0, placement.FirstOperator);
        Assert.Equal(-1, placement.SharesWith);
    }

    [Fact]
    public void WeightsArePlacedInTheModelBytes()
    {
        using Model model = Conformance.Load(HelloWorld);
        int weights = model.OperatorInputs(0)[1];
        TensorPlacement placement = model.Placement(weights);
        Assert.Equal(TensorStorage.Model, placement.Storage);
        Assert.Equal(model.Tensor(weights).Bytes, placement.Bytes);
        Assert.InRange(placement.Offset, 8, Conformance.ModelBytes(HelloWorld).Length - placement.Bytes);
        Assert.Equal(-1, placement.FirstOperator);
    }

    [Fact]
    public void IndexOutOfRangeThrowsArgumentOutOfRangeException()
    {
        using Model model = Conformance.Load(HelloWorld);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Input(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Output(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Tensor(model.TensorCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.OperatorName(model.OperatorCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Placement(-1));
    }
}

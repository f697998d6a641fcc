namespace TinyMl.Host.Tests;

// The float[] overloads, on the one conformance model with float32 input and output.
public class FloatModelTests
{
    private const string FloatModel = "ds_cnn_s_float_io";

    [Fact]
    public void FloatInputAndOutputMatchTheGoldPair()
    {
        using Model model = Conformance.Load(FloatModel);
        using var interpreter = new Interpreter(model);
        interpreter.SetInput(0, Floats(Conformance.GoldInput(FloatModel, 0)));
        interpreter.Invoke();
        Assert.Equal(Floats(Conformance.GoldOutput(FloatModel, 0)), interpreter.GetFloatOutput(0));
    }

    [Fact]
    public void SbyteInputIntoFloatTensorThrowsArgumentException()
    {
        using Model model = Conformance.Load(FloatModel);
        using var interpreter = new Interpreter(model);
        var error = Assert.Throws<ArgumentException>(() => interpreter.SetInput(0, new sbyte[model.Input(0).Bytes]));
        Assert.Contains("Float32", error.Message);
    }

    private static float[] Floats(byte[] bytes)
    {
        float[] values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}

using TinyMl;

namespace TinyMlDevice.Core.Tests;

public class TinyTfliteTests
{
    [Fact]
    public void TheEngineRunsTheRequantizingModel()
    {
        using var model = new Model(TinyTflite.Requantize(5, 0.1f, 0.2f));
        Assert.Equal(1, model.InputCount);
        Assert.Equal(TensorType.Int8, model.Output(0).Type);
        Assert.Equal(5, model.Output(0).Bytes);
        using var interpreter = new Interpreter(model);
        interpreter.SetInput(0, new sbyte[] { 10, -10, 3, 0, 127 });
        interpreter.Invoke();
        Assert.Equal(new sbyte[] { 5, -5, 2, 0, 64 }, interpreter.GetOutput(0)); // halved, rounded half away from zero
    }
}

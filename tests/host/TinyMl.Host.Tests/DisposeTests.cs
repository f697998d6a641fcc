namespace TinyMl.Host.Tests;

public class DisposeTests
{
    private const string HelloWorld = "hello_world_int8";

    [Fact]
    public void InterpreterUseAfterDisposeThrowsObjectDisposedException()
    {
        using Model model = Conformance.Load(HelloWorld);
        var interpreter = new Interpreter(model);
        interpreter.Dispose();
        Assert.Throws<ObjectDisposedException>(() => interpreter.Invoke());
        Assert.Throws<ObjectDisposedException>(() => interpreter.InvokeStep());
        Assert.Throws<ObjectDisposedException>(() => interpreter.SetInput(0, new sbyte[1]));
        Assert.Throws<ObjectDisposedException>(() => interpreter.GetOutput(0));
        Assert.Throws<ObjectDisposedException>(() => interpreter.ReadTensor(0));
    }

    [Fact]
    public void ModelUseAfterDisposeThrowsObjectDisposedException()
    {
        Model model = Conformance.Load(HelloWorld);
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => model.ArenaBytes);
        Assert.Throws<ObjectDisposedException>(() => model.InputCount);
        Assert.Throws<ObjectDisposedException>(() => model.Input(0));
        Assert.Throws<ObjectDisposedException>(() => model.OperatorName(0));
        Assert.Throws<ObjectDisposedException>(() => model.Placement(0));
    }

    [Fact]
    public void InterpreterOfADisposedModelThrowsObjectDisposedException()
    {
        Model model = Conformance.Load(HelloWorld);
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => new Interpreter(model));
    }

    [Fact]
    public void InterpreterKeepsWorkingAfterItsModelIsDisposed()
    {
        Model model = Conformance.Load(HelloWorld);
        using var interpreter = new Interpreter(model);
        model.Dispose();
        interpreter.SetInput(0, Conformance.GoldInput(HelloWorld, 0));
        interpreter.Invoke();
        byte[] output = new byte[1];
        interpreter.GetOutput(0, output);
        Assert.Equal(Conformance.GoldOutput(HelloWorld, 0), output);
    }

    [Fact]
    public void DisposingTwiceIsHarmless()
    {
        Model model = Conformance.Load(HelloWorld);
        var interpreter = new Interpreter(model);
        interpreter.Dispose();
        interpreter.Dispose();
        model.Dispose();
        model.Dispose();
    }

    [Fact]
    public void DisposingOneInterpreterLeavesTheOthersRunning()
    {
        using Model model = Conformance.Load(HelloWorld);
        using var kept = new Interpreter(model);
        new Interpreter(model).Dispose();
        Assert.Equal(Conformance.GoldOutput(HelloWorld, 1), Conformance.Run(kept, Conformance.GoldInput(HelloWorld, 1)));
    }
}

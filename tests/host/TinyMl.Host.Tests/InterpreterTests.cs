namespace TinyMl.Host.Tests;

public class InterpreterTests
{
    // RESHAPE, DEPTHWISE_CONV_2D, FULLY_CONNECTED, SOFTMAX: int8 [1, 1960] in, int8 [1, 4] out.
    private const string MicroSpeech = "micro_speech_quantized";

    [Fact]
    public void WrongInputSizeThrowsArgumentException()
    {
        using Model model = Conformance.Load(MicroSpeech);
        using var interpreter = new Interpreter(model);
        var error = Assert.Throws<ArgumentException>(() => interpreter.SetInput(0, new sbyte[1000]));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("1960", error.Message);
    }

    [Fact]
    public void WrongRawInputSizeThrowsArgumentException()
    {
        using Model model = Conformance.Load(MicroSpeech);
        using var interpreter = new Interpreter(model);
        Assert.Throws<ArgumentException>(() => interpreter.SetInput(0, new byte[1961]));
    }

    [Fact]
    public void FloatInputIntoInt8TensorThrowsArgumentException()
    {
        using Model model = Conformance.Load(MicroSpeech);
        using var interpreter = new Interpreter(model);
        var error = Assert.Throws<ArgumentException>(() => interpreter.SetInput(0, new float[1960]));
        Assert.Contains("Int8", error.Message);
    }

    [Fact]
    public void WrongOutputSizeThrowsArgumentException()
    {
        using Model model = Conformance.Load(MicroSpeech);
        using var interpreter = new Interpreter(model);
        Assert.Throws<ArgumentException>(() => interpreter.GetOutput(0, new sbyte[5]));
    }

    [Fact]
    public void MissingInputIndexThrowsArgumentOutOfRangeException()
    {
        using Model model = Conformance.Load(MicroSpeech);
        using var interpreter = new Interpreter(model);
        Assert.Throws<ArgumentOutOfRangeException>(() => interpreter.SetInput(1, new sbyte[1960]));
    }

    [Fact]
    public void Int8InputAndOutputMatchTheGoldPair()
    {
        using Model model = Conformance.Load(MicroSpeech);
        using var interpreter = new Interpreter(model);
        interpreter.SetInput(0, Sbytes(Conformance.GoldInput(MicroSpeech, 0)));
        interpreter.Invoke();
        Assert.Equal(Sbytes(Conformance.GoldOutput(MicroSpeech, 0)), interpreter.GetOutput(0));
    }

    [Fact]
    public void TwoInterpretersOfOneModelGiveTheSameResults()
    {
        using Model model = Conformance.Load(MicroSpeech);
        using var first = new Interpreter(model);
        using var second = new Interpreter(model);
        byte[] input = Conformance.GoldInput(MicroSpeech, 1);
        Assert.Equal(Conformance.Run(first, input), Conformance.Run(second, input));
    }

    [Fact]
    public void TwoInterpretersOfOneModelKeepSeparateArenas()
    {
        using Model model = Conformance.Load(MicroSpeech);
        using var first = new Interpreter(model);
        using var second = new Interpreter(model);
        Conformance.SetInputs(first, Conformance.GoldInput(MicroSpeech, 0));
        Conformance.SetInputs(second, Conformance.GoldInput(MicroSpeech, 1));
        first.Invoke();
        second.Invoke();
        Assert.Equal(Conformance.GoldOutput(MicroSpeech, 0), Conformance.Outputs(first));
        Assert.Equal(Conformance.GoldOutput(MicroSpeech, 1), Conformance.Outputs(second));
    }

    [Fact]
    public void SeveralModelsRunSideBySide()
    {
        using Model speech = Conformance.Load(MicroSpeech);
        using Model hello = Conformance.Load("hello_world_int8");
        using var speechInterpreter = new Interpreter(speech);
        using var helloInterpreter = new Interpreter(hello);
        Conformance.SetInputs(speechInterpreter, Conformance.GoldInput(MicroSpeech, 2));
        Conformance.SetInputs(helloInterpreter, Conformance.GoldInput("hello_world_int8", 2));
        speechInterpreter.Invoke();
        helloInterpreter.Invoke();
        Assert.Equal(Conformance.GoldOutput(MicroSpeech, 2), Conformance.Outputs(speechInterpreter));
        Assert.Equal(Conformance.GoldOutput("hello_world_int8", 2), Conformance.Outputs(helloInterpreter));
    }

    [Fact]
    public void InvokeStepRunsOperatorCountStepsAndMatchesInvoke()
    {
        using Model model = Conformance.Load(MicroSpeech);
        using var interpreter = new Interpreter(model);
        Conformance.SetInputs(interpreter, Conformance.GoldInput(MicroSpeech, 1));
        for (int op = 0; op < model.OperatorCount - 1; op++)
        {
            Assert.False(interpreter.InvokeStep(), $"done after operator {op} of {model.OperatorCount}");
        }

        Assert.True(interpreter.InvokeStep());
        Assert.Equal(Conformance.GoldOutput(MicroSpeech, 1), Conformance.Outputs(interpreter));
    }

    [Fact]
    public void InvokeStepStartsOverAfterTheLastOperator()
    {
        using Model model = Conformance.Load(MicroSpeech);
        using var interpreter = new Interpreter(model);
        Conformance.SetInputs(interpreter, Conformance.GoldInput(MicroSpeech, 0));
        while (!interpreter.InvokeStep())
        {
        }

        Conformance.SetInputs(interpreter, Conformance.GoldInput(MicroSpeech, 2));
        int steps = 1;
        while (!interpreter.InvokeStep())
        {
            steps++;
        }

        Assert.Equal(model.OperatorCount, steps);
        Assert.Equal(Conformance.GoldOutput(MicroSpeech, 2), Conformance.Outputs(interpreter));
    }

    [Fact]
    public void ReadTensorShowsAnOperatorsOutputRightAfterItsStep()
    {
        using Model model = Conformance.Load(MicroSpeech);
        using var stepped = new Interpreter(model);
        byte[] input = Conformance.GoldInput(MicroSpeech, 0);
        Conformance.SetInputs(stepped, input);
        int reshape = model.OperatorOutputs(0)[0];
        stepped.InvokeStep();
        Assert.Equal(input, stepped.ReadTensor(reshape)); // RESHAPE: the input's bytes, reinterpreted
    }

    [Fact]
    public void ReadTensorOfTheOutputEqualsGetOutput()
    {
        using Model model = Conformance.Load(MicroSpeech);
        using var interpreter = new Interpreter(model);
        Conformance.Run(interpreter, Conformance.GoldInput(MicroSpeech, 0));
        byte[] raw = new byte[model.Output(0).Bytes];
        interpreter.ReadTensor(model.Output(0).Index, raw);
        Assert.Equal(Conformance.Outputs(interpreter), raw);
    }

    private static sbyte[] Sbytes(byte[] bytes) => Array.ConvertAll(bytes, b => unchecked((sbyte)b));
}

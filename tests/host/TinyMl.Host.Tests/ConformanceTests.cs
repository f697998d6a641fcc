namespace TinyMl.Host.Tests;

// Every conformance model through the C# API: bit-exact on its gold pairs, within TFLite Micro's arena.
public class ConformanceTests
{
    public static TheoryData<string> Models() => Conformance.Models();

    [Theory]
    [MemberData(nameof(Models))]
    public void GoldPairsAreBitExact(string model)
    {
        Conformance.Require();
        using Model m = Conformance.Load(model);
        using var interpreter = new Interpreter(m);
        for (int k = 0; k < 3; k++)
        {
            byte[] output = Conformance.Run(interpreter, Conformance.GoldInput(model, k));
            Assert.True(Conformance.GoldOutput(model, k).AsSpan().SequenceEqual(output), $"{model} pair {k} differs");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ArenaIsNoLargerThanTfliteMicros(string model)
    {
        Conformance.Require();
        using Model m = Conformance.Load(model);
        int reference = Conformance.Entry(model).GetProperty("reference_arena_bytes").GetInt32();
        Assert.InRange(m.ArenaBytes, 1, reference);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void InputsAndOutputsHaveTheManifestsTypesAndShapes(string model)
    {
        Conformance.Require();
        using Model m = Conformance.Load(model);
        var entry = Conformance.Entry(model);
        var inputs = entry.GetProperty("inputs").EnumerateArray().ToArray();
        var outputs = entry.GetProperty("outputs").EnumerateArray().ToArray();
        Assert.Equal(inputs.Length, m.InputCount);
        Assert.Equal(outputs.Length, m.OutputCount);
        for (int i = 0; i < inputs.Length; i++)
        {
            AssertDescribes(inputs[i], m.Input(i));
        }

        for (int i = 0; i < outputs.Length; i++)
        {
            AssertDescribes(outputs[i], m.Output(i));
        }
    }

    private static void AssertDescribes(System.Text.Json.JsonElement expected, TensorInfo actual)
    {
        Assert.Equal(expected.GetProperty("type").GetString(), actual.Type.ToString().ToUpperInvariant());
        int[] shape = expected.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        Assert.Equal(shape, actual.Shape);
    }
}

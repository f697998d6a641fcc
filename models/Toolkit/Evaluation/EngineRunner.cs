using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Evaluation;

/// <summary>
/// One .tflite in the native engine (TinyMl.Host): the model as the device runs it. Int8 or float32 I/O; float
/// inputs for an int8 model are quantized on the host (round half away from zero, saturate) — the device receives
/// int8 directly from its native feature code.
/// </summary>
public sealed class EngineRunner : IDisposable
{
    private readonly TinyMl.Model _model;
    private readonly Interpreter _interpreter;

    public EngineRunner(byte[] tflite, string name = "model")
    {
        try
        {
            _model = new TinyMl.Model(tflite);
            _interpreter = new Interpreter(_model);
        }
        catch (TinyMlException e)
        {
            _model?.Dispose();
            throw new ModelException($"{name}: the engine refused the model ({e.Message})");
        }
        if (_model.InputCount != 1 || _model.OutputCount != 1)
            throw new ModelException($"{name}: {_model.InputCount} inputs and {_model.OutputCount} outputs (1 and 1 expected)");
        InputInfo = _model.Input(0);
        OutputInfo = _model.Output(0);
        foreach (var t in new[] { InputInfo, OutputInfo })
            if (t.Type is not (TensorType.Int8 or TensorType.Float32))
                throw new ModelException($"{name}: tensor '{t.Name}' is {t.Type} (int8 or float32 expected)");
    }

    public TensorInfo InputInfo { get; }

    public TensorInfo OutputInfo { get; }

    public int InputLength => InputInfo.Bytes / (InputInfo.Type == TensorType.Int8 ? 1 : 4);

    public int OutputLength => OutputInfo.Bytes / (OutputInfo.Type == TensorType.Int8 ? 1 : 4);

    public TinyMl.Model Model => _model;

    /// <summary>Int8 in, int8 out (a model with int8 I/O).</summary>
    public sbyte[] Run(sbyte[] input)
    {
        _interpreter.SetInput(0, input);
        _interpreter.Invoke();
        return _interpreter.GetOutput(0);
    }

    /// <summary>Float in, float out: quantizes the input and dequantizes the output of an int8 model.</summary>
    public float[] Predict(float[] input)
    {
        if (InputInfo.Type == TensorType.Float32) _interpreter.SetInput(0, input);
        else _interpreter.SetInput(0, Quantize(input, InputInfo.Scale, InputInfo.ZeroPoint));
        _interpreter.Invoke();
        if (OutputInfo.Type == TensorType.Float32) return _interpreter.GetFloatOutput(0);
        return Dequantize(_interpreter.GetOutput(0), OutputInfo.Scale, OutputInfo.ZeroPoint);
    }

    public static sbyte[] Quantize(float[] values, float scale, int zeroPoint) =>
        values.Select(v => (sbyte)Math.Clamp(Math.Round(v / (double)scale, MidpointRounding.AwayFromZero) + zeroPoint, -128, 127)).ToArray();

    public static float[] Dequantize(sbyte[] values, float scale, int zeroPoint) =>
        values.Select(q => scale * (q - zeroPoint)).ToArray();

    public void Dispose()
    {
        _interpreter.Dispose();
        _model.Dispose();
    }
}

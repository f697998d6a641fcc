using System;
using TinyMl.Native;
using static TinyMl.Native.EngineMethods;

namespace TinyMl;

/// <summary>
/// Runs a <see cref="Model"/> in an arena of its own: set the inputs, invoke (whole or one operator at a
/// time), read the outputs. Several interpreters of one model, and of several models, live side by side.
/// Not thread-safe: use each interpreter from one thread at a time.
/// </summary>
public sealed unsafe class Interpreter : IDisposable
{
    private readonly Model _model;
    private readonly TensorData[] _inputs;
    private readonly TensorData[] _outputs;
    private TmlInterpreter* _interpreter;
    private byte* _arena;
    private bool _disposed;

    /// <summary>Lays the model's plan out in a new arena of <see cref="Model.ArenaBytes"/>.</summary>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    /// <exception cref="TinyMlException">The engine could not prepare an operator.</exception>
    public Interpreter(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        TmlPlan* plan = model.AddInterpreter();
        _model = model;
        try
        {
            _arena = NativeBlock.Allocate(plan->ArenaBytes);
            _interpreter = NativeBlock.Allocate<TmlInterpreter>();
            TinyMlStatus status = tml_interpreter_init(_interpreter, plan, _arena, plan->ArenaBytes);
            if (status != TinyMlStatus.Ok)
            {
                throw Failure(status, tml_interpreter_error(_interpreter));
            }

            _inputs = Bind(tml_model_input_count(plan->Model), outputs: false);
            _outputs = Bind(tml_model_output_count(plan->Model), outputs: true);
        }
        catch
        {
            FreeNative();
            GC.SuppressFinalize(this);
            model.RemoveInterpreter();
            throw;
        }
    }

    // Frees only this interpreter's memory: the model may be finalized in the same pass.
    ~Interpreter() => FreeNative();

    public Model Model => _model;

    /// <summary>Copies an int8 input.</summary>
    public void SetInput(int index, sbyte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        TensorData input = Input(index);
        input.Check(TensorType.Int8, data.Length, nameof(data));
        data.CopyTo(new Span<sbyte>(input.Data, data.Length));
        GC.KeepAlive(this);
    }

    /// <summary>Copies an input's raw bytes (little-endian), whatever its type.</summary>
    public void SetInput(int index, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        TensorData input = Input(index);
        input.CheckBytes(data.Length, nameof(data));
        data.CopyTo(new Span<byte>(input.Data, data.Length));
        GC.KeepAlive(this);
    }

    /// <summary>Copies a float32 input.</summary>
    public void SetInput(int index, float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        TensorData input = Input(index);
        input.Check(TensorType.Float32, data.Length, nameof(data));
        data.CopyTo(new Span<float>(input.Data, data.Length));
        GC.KeepAlive(this);
    }

    /// <summary>Runs every operator.</summary>
    public void Invoke()
    {
        CheckLive();
        TinyMlStatus status = tml_invoke(_interpreter);
        if (status != TinyMlStatus.Ok)
        {
            throw Failure(status, tml_interpreter_error(_interpreter));
        }

        GC.KeepAlive(this);
    }

    /// <summary>Runs the next operator; true once the last one ran (the next call starts a new inference).</summary>
    public bool InvokeStep()
    {
        CheckLive();
        int done;
        TinyMlStatus status = tml_invoke_op(_interpreter, &done);
        if (status != TinyMlStatus.Ok)
        {
            throw Failure(status, tml_interpreter_error(_interpreter));
        }

        GC.KeepAlive(this);
        return done != 0;
    }

    /// <summary>Copies an int8 output into destination, which must hold exactly its elements.</summary>
    public void GetOutput(int index, sbyte[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        TensorData output = Output(index);
        output.Check(TensorType.Int8, destination.Length, nameof(destination));
        new ReadOnlySpan<sbyte>(output.Data, destination.Length).CopyTo(destination);
        GC.KeepAlive(this);
    }

    /// <summary>A copy of an int8 output.</summary>
    public sbyte[] GetOutput(int index)
    {
        sbyte[] values = new sbyte[Output(index).Info.Bytes];
        GetOutput(index, values);
        return values;
    }

    /// <summary>Copies an output's raw bytes (little-endian), whatever its type.</summary>
    public void GetOutput(int index, byte[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        TensorData output = Output(index);
        output.CheckBytes(destination.Length, nameof(destination));
        new ReadOnlySpan<byte>(output.Data, destination.Length).CopyTo(destination);
        GC.KeepAlive(this);
    }

    /// <summary>Copies a float32 output into destination, which must hold exactly its elements.</summary>
    public void GetOutput(int index, float[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        TensorData output = Output(index);
        output.Check(TensorType.Float32, destination.Length, nameof(destination));
        new ReadOnlySpan<float>(output.Data, destination.Length).CopyTo(destination);
        GC.KeepAlive(this);
    }

    /// <summary>A copy of a float32 output.</summary>
    public float[] GetFloatOutput(int index)
    {
        float[] values = new float[Output(index).Info.Bytes / sizeof(float)];
        GetOutput(index, values);
        return values;
    }

    /// <summary>
    /// Copies any tensor's current bytes, e.g. an operator's output right after <see cref="InvokeStep"/> ran it
    /// (intermediate tensors share memory, so read them before later operators overwrite them).
    /// </summary>
    public void ReadTensor(int tensor, byte[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        TensorData data = Tensor(tensor);
        data.CheckBytes(destination.Length, nameof(destination));
        new ReadOnlySpan<byte>(data.Data, destination.Length).CopyTo(destination);
        GC.KeepAlive(this);
    }

    /// <summary>A copy of any tensor's current bytes.</summary>
    public byte[] ReadTensor(int tensor)
    {
        byte[] bytes = new byte[Tensor(tensor).Info.Bytes];
        ReadTensor(tensor, bytes);
        return bytes;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        FreeNative();
        GC.SuppressFinalize(this);
        _model.RemoveInterpreter();
    }

    private TensorData Input(int index)
    {
        CheckLive();
        if ((uint)index >= (uint)_inputs.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"input {index} does not exist: the model has {_inputs.Length} inputs");
        }

        return _inputs[index];
    }

    private TensorData Output(int index)
    {
        CheckLive();
        if ((uint)index >= (uint)_outputs.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"output {index} does not exist: the model has {_outputs.Length} outputs");
        }

        return _outputs[index];
    }

    private TensorData Tensor(int tensor)
    {
        CheckLive();
        _model.CheckTensor(tensor);
        TmlTensorInfo info;
        TinyMlStatus status = tml_interpreter_tensor(_interpreter, tensor, &info);
        if (status != TinyMlStatus.Ok)
        {
            throw Failure(status, tml_interpreter_error(_interpreter));
        }

        return new TensorData($"tensor {tensor}", Model.ToTensorInfo(&info), info.Data);
    }

    // Inputs and outputs keep their place in the arena for the interpreter's life: look them up once.
    private TensorData[] Bind(int count, bool outputs)
    {
        TensorData[] bound = new TensorData[count];
        for (int i = 0; i < count; i++)
        {
            TmlTensorInfo info;
            TinyMlStatus status = outputs
                ? tml_interpreter_output(_interpreter, i, &info)
                : tml_interpreter_input(_interpreter, i, &info);
            if (status != TinyMlStatus.Ok)
            {
                throw Failure(status, tml_interpreter_error(_interpreter));
            }

            bound[i] = new TensorData((outputs ? "output " : "input ") + i, Model.ToTensorInfo(&info), info.Data);
        }

        return bound;
    }

    private void CheckLive() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void FreeNative()
    {
        NativeBlock.Free(ref _interpreter);
        NativeBlock.Free(ref _arena);
    }
}

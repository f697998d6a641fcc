using System;
using TinyMl.Native;
using static TinyMl.Native.EngineMethods;

namespace TinyMl;

/// <summary>
/// A .tflite model checked and planned by the engine: its tensors, operators and exact arena size.
/// Run it with one or more <see cref="Interpreter"/>s, from any threads (the model is only read).
/// </summary>
public sealed unsafe class Model : IDisposable
{
    private readonly object _gate = new();

    // Native memory the engine points into: the file, the loaded model, the plan and its workspace (kept,
    // because tml_interpreter_init and tml_plan_tensor read the plan through it).
    private byte* _bytes;
    private TmlModel* _model;
    private TmlPlan* _plan;
    private byte* _workspace;

    private int _interpreters;
    private bool _disposed;

    private readonly int _inputCount;
    private readonly int _outputCount;
    private readonly int _operatorCount;
    private readonly int _tensorCount;
    private readonly int _arenaBytes;
    private readonly int _persistentBytes;
    private readonly int _activationBytes;
    private readonly long _macs;

    /// <summary>Copies the file into native memory, validates every part of it and plans its arena.</summary>
    /// <exception cref="TinyMlException">The engine refused the model; the message says why.</exception>
    public Model(byte[] tflite)
    {
        ArgumentNullException.ThrowIfNull(tflite);
        try
        {
            _bytes = NativeBlock.Allocate((nuint)tflite.Length);
            tflite.CopyTo(new Span<byte>(_bytes, tflite.Length));
            _model = NativeBlock.Allocate<TmlModel>();
            TinyMlStatus status = tml_model_load(_model, _bytes, (nuint)tflite.Length);
            if (status != TinyMlStatus.Ok)
            {
                throw Failure(status, tml_model_error(_model));
            }

            nuint workspaceBytes = tml_plan_workspace_bytes(_model);
            _workspace = NativeBlock.Allocate(workspaceBytes);
            _plan = NativeBlock.Allocate<TmlPlan>();
            status = tml_plan_make(_plan, _model, _workspace, workspaceBytes);
            if (status != TinyMlStatus.Ok)
            {
                throw Failure(status, tml_plan_error(_plan));
            }
        }
        catch
        {
            FreeNative();
            GC.SuppressFinalize(this);
            throw;
        }

        _inputCount = tml_model_input_count(_model);
        _outputCount = tml_model_output_count(_model);
        _operatorCount = tml_model_operator_count(_model);
        _tensorCount = tml_model_tensor_count(_model);
        _arenaBytes = (int)_plan->ArenaBytes;
        _persistentBytes = (int)_plan->PersistentBytes;
        _activationBytes = (int)_plan->ActivationBytes;
        _macs = (long)tml_model_macs(_model);
    }

    ~Model() => FreeNative();

    public int InputCount => Live(_inputCount);

    public int OutputCount => Live(_outputCount);

    public int OperatorCount => Live(_operatorCount);

    public int TensorCount => Live(_tensorCount);

    /// <summary>The exact arena an <see cref="Interpreter"/> of this model needs, on the host and on every device.</summary>
    public int ArenaBytes => Live(_arenaBytes);

    /// <summary>The part of the arena that is not activation memory: prepared operators and the tensor table.</summary>
    public int PersistentBytes => Live(_persistentBytes);

    /// <summary>Tensors and scratch, with memory reused between tensors whose lifetimes do not overlap.</summary>
    public int ActivationBytes => Live(_activationBytes);

    /// <summary>Multiply-accumulates one inference performs (convolution, depthwise and fully connected layers).</summary>
    public long Macs => Live(_macs);

    /// <summary>Multiply-accumulates the operator performs per inference.</summary>
    public long OperatorMacs(int op)
    {
        CheckLive();
        CheckRange(op, _operatorCount, "operator", nameof(op));
        long macs = (long)tml_model_operator_macs(_model, op);
        GC.KeepAlive(this);
        return macs;
    }

    /// <summary>The operator's name as in the TFLite schema, e.g. "CONV_2D".</summary>
    public string OperatorName(int op)
    {
        CheckLive();
        CheckRange(op, _operatorCount, "operator", nameof(op));
        string name = Text(tml_model_operator_name(_model, op));
        GC.KeepAlive(this);
        return name;
    }

    /// <summary>The tensor indices the operator reads, in order; -1 marks an absent optional input.</summary>
    public int[] OperatorInputs(int op) => OperatorTensors(op, outputs: 0);

    /// <summary>The tensor indices the operator writes, in order.</summary>
    public int[] OperatorOutputs(int op) => OperatorTensors(op, outputs: 1);

    public TensorInfo Input(int index)
    {
        CheckLive();
        return Tensor(InputTensor(index));
    }

    public TensorInfo Output(int index)
    {
        CheckLive();
        return Tensor(OutputTensor(index));
    }

    public TensorInfo Tensor(int tensor)
    {
        CheckLive();
        CheckRange(tensor, _tensorCount, "tensor", nameof(tensor));
        TmlTensorInfo info;
        TinyMlStatus status = tml_model_tensor(_model, tensor, &info);
        if (status != TinyMlStatus.Ok)
        {
            throw Failure(status, null);
        }

        TensorInfo result = ToTensorInfo(&info);
        GC.KeepAlive(this);
        return result;
    }

    /// <summary>Where the memory plan puts the tensor and when its memory is in use.</summary>
    public TensorPlacement Placement(int tensor)
    {
        CheckLive();
        CheckRange(tensor, _tensorCount, "tensor", nameof(tensor));
        TmlTensorPlacement p;
        TinyMlStatus status = tml_plan_tensor(_plan, tensor, &p);
        if (status != TinyMlStatus.Ok)
        {
            throw Failure(status, null);
        }

        GC.KeepAlive(this);
        return new TensorPlacement(p.Storage, (int)p.Offset, (int)p.Bytes, p.FirstOperator, p.LastOperator, p.SharesWith);
    }

    /// <summary>Frees the native memory once no <see cref="Interpreter"/> of this model is left.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_interpreters > 0)
            {
                return; // the last interpreter's Dispose frees it (or the finalizer, when all are unreachable)
            }

            FreeNative();
        }

        GC.SuppressFinalize(this);
    }

    internal TmlPlan* AddInterpreter()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _interpreters++;
            return _plan;
        }
    }

    internal void RemoveInterpreter()
    {
        lock (_gate)
        {
            _interpreters--;
            if (!_disposed || _interpreters > 0)
            {
                return;
            }

            FreeNative();
        }

        GC.SuppressFinalize(this);
    }

    // The helpers below serve interpreters too, which may outlive the model's Dispose.

    internal int InputTensor(int index)
    {
        CheckRange(index, _inputCount, "input", nameof(index));
        int tensor = tml_model_input_tensor(_model, index);
        GC.KeepAlive(this);
        return tensor;
    }

    internal int OutputTensor(int index)
    {
        CheckRange(index, _outputCount, "output", nameof(index));
        int tensor = tml_model_output_tensor(_model, index);
        GC.KeepAlive(this);
        return tensor;
    }

    internal void CheckTensor(int tensor) => CheckRange(tensor, _tensorCount, "tensor", nameof(tensor));

    internal static TensorInfo ToTensorInfo(TmlTensorInfo* info)
    {
        int[] shape = new ReadOnlySpan<int>(info->Dims, info->DimsCount).ToArray();
        return new TensorInfo(info->Index, Text(info->Name), info->Type, shape, (int)info->Bytes, info->Scale,
            info->ZeroPoint, info->QuantizedChannels);
    }

    private int[] OperatorTensors(int op, int outputs)
    {
        CheckLive();
        CheckRange(op, _operatorCount, "operator", nameof(op));
        int count = tml_model_operator_io(_model, op, outputs, null, 0);
        int[] tensors = new int[count];
        fixed (int* p = tensors)
        {
            tml_model_operator_io(_model, op, outputs, p, count);
        }

        GC.KeepAlive(this);
        return tensors;
    }

    private static void CheckRange(int value, int count, string what, string paramName)
    {
        if ((uint)value >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                $"{what} {value} does not exist: the model has {count} {what}s");
        }
    }

    private void CheckLive() => ObjectDisposedException.ThrowIf(_disposed, this);

    private int Live(int value)
    {
        CheckLive();
        return value;
    }

    private long Live(long value)
    {
        CheckLive();
        return value;
    }

    private void FreeNative()
    {
        NativeBlock.Free(ref _plan);
        NativeBlock.Free(ref _workspace);
        NativeBlock.Free(ref _model);
        NativeBlock.Free(ref _bytes);
    }
}

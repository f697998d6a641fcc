using System;
using System.Runtime.CompilerServices;

namespace TinyMl
{
    /// <summary>
    /// A .tflite model checked and planned by the engine: its tensors, operators and exact arena size. The bytes are
    /// copied into native memory, so the array may be dropped after construction. Run it with one or more
    /// <see cref="Interpreter"/>s.
    /// </summary>
    public sealed class Model : IDisposable
    {
        // NativeLoad's report: handle, input/output/operator/tensor counts, arena/persistent/activation bytes, MACs (low, high).
        private const int LoadReportLength = 10;

        // NativeTensor's report: index, type, dims count, 6 dims, bytes, zero point, quantized channels.
        private const int TensorReportLength = 12;
        private const int PlacementReportLength = 6;

        private int _handle; // 0 once disposed
        private readonly int _inputCount;
        private readonly int _outputCount;
        private readonly int _operatorCount;
        private readonly int _tensorCount;
        private readonly int _arenaBytes;
        private readonly int _persistentBytes;
        private readonly int _activationBytes;
        private readonly long _macs;
        private readonly int[] _ioTensors; // tensor index of each input, then of each output

        /// <summary>Copies the file into native memory, validates every part of it and plans its arena.</summary>
        /// <exception cref="TinyMlException">The engine refused the model; the message says why.</exception>
        public Model(byte[] tflite)
        {
            Arguments.NotNull(tflite, "tflite");
            int[] report = new int[LoadReportLength];
            int status = NativeLoad(tflite, report);
            if (status != 0)
            {
                throw new TinyMlException((TinyMlStatus)status, NativeErrorText(0));
            }

            _handle = report[0];
            _inputCount = report[1];
            _outputCount = report[2];
            _operatorCount = report[3];
            _tensorCount = report[4];
            _arenaBytes = report[5];
            _persistentBytes = report[6];
            _activationBytes = report[7];
            _macs = Arguments.Combine(report[8], report[9]);
            _ioTensors = new int[_inputCount + _outputCount];
            NativeIoTensors(_handle, _ioTensors);
        }

        ~Model()
        {
            if (_handle != 0)
            {
                NativeRelease(_handle);
            }
        }

        public int InputCount
        {
            get { return Live(_inputCount); }
        }

        public int OutputCount
        {
            get { return Live(_outputCount); }
        }

        public int OperatorCount
        {
            get { return Live(_operatorCount); }
        }

        public int TensorCount
        {
            get { return Live(_tensorCount); }
        }

        /// <summary>The exact arena an <see cref="Interpreter"/> of this model needs, on the host and on every device.</summary>
        public int ArenaBytes
        {
            get { return Live(_arenaBytes); }
        }

        /// <summary>The part of the arena that is not activation memory: prepared operators and the tensor table.</summary>
        public int PersistentBytes
        {
            get { return Live(_persistentBytes); }
        }

        /// <summary>Tensors and scratch, with memory reused between tensors whose lifetimes do not overlap.</summary>
        public int ActivationBytes
        {
            get { return Live(_activationBytes); }
        }

        /// <summary>Multiply-accumulates one inference performs (convolution, depthwise and fully connected layers).</summary>
        public long Macs
        {
            get
            {
                CheckLive();
                return _macs;
            }
        }

        /// <summary>Multiply-accumulates the operator performs per inference.</summary>
        public long OperatorMacs(int op)
        {
            CheckLive();
            Arguments.InRange(op, _operatorCount, "operator", "op");
            int[] macs = new int[2];
            NativeOperatorMacs(_handle, op, macs);
            return Arguments.Combine(macs[0], macs[1]);
        }

        /// <summary>The operator's name as in the TFLite schema, e.g. "CONV_2D".</summary>
        public string OperatorName(int op)
        {
            CheckLive();
            Arguments.InRange(op, _operatorCount, "operator", "op");
            return NativeOperatorName(_handle, op);
        }

        /// <summary>The tensor indices the operator reads, in order; -1 marks an absent optional input.</summary>
        public int[] OperatorInputs(int op)
        {
            return OperatorTensors(op, 0);
        }

        /// <summary>The tensor indices the operator writes, in order.</summary>
        public int[] OperatorOutputs(int op)
        {
            return OperatorTensors(op, 1);
        }

        public TensorInfo Input(int index)
        {
            CheckLive();
            Arguments.InRange(index, _inputCount, "input", "index");
            return Tensor(_ioTensors[index]);
        }

        public TensorInfo Output(int index)
        {
            CheckLive();
            Arguments.InRange(index, _outputCount, "output", "index");
            return Tensor(_ioTensors[_inputCount + index]);
        }

        public TensorInfo Tensor(int tensor)
        {
            CheckLive();
            Arguments.InRange(tensor, _tensorCount, "tensor", "tensor");
            int[] report = new int[TensorReportLength];
            float[] scale = new float[1];
            Check(NativeTensor(_handle, tensor, report, scale));
            int[] shape = new int[report[2]];
            Array.Copy(report, 3, shape, 0, shape.Length);
            return new TensorInfo(report[0], NativeTensorName(_handle, tensor), (TensorType)report[1], shape, report[9],
                scale[0], report[10], report[11]);
        }

        /// <summary>Where the memory plan puts the tensor and when its memory is in use.</summary>
        public TensorPlacement Placement(int tensor)
        {
            CheckLive();
            Arguments.InRange(tensor, _tensorCount, "tensor", "tensor");
            int[] p = new int[PlacementReportLength];
            Check(NativePlacement(_handle, tensor, p));
            return new TensorPlacement((TensorStorage)p[0], p[1], p[2], p[3], p[4], p[5]);
        }

        /// <summary>Releases the model; its native memory goes once no <see cref="Interpreter"/> of it is left.</summary>
        public void Dispose()
        {
            if (_handle == 0)
            {
                return;
            }

            NativeRelease(_handle);
            _handle = 0;
            GC.SuppressFinalize(this);
        }

        // The interpreter's native side keeps the model's memory alive on its own; it needs the handle only to start.
        internal int Handle
        {
            get
            {
                CheckLive();
                return _handle;
            }
        }

        // Counts stay valid after Dispose: interpreters outlive the model's Dispose.
        internal int InputCountUnchecked
        {
            get { return _inputCount; }
        }

        internal int OutputCountUnchecked
        {
            get { return _outputCount; }
        }

        internal int TensorCountUnchecked
        {
            get { return _tensorCount; }
        }

        private int[] OperatorTensors(int op, int outputs)
        {
            CheckLive();
            Arguments.InRange(op, _operatorCount, "operator", "op");
            int[] tensors = new int[8];
            int count = NativeOperatorTensors(_handle, op, outputs, tensors);
            if (count > tensors.Length)
            {
                tensors = new int[count];
                NativeOperatorTensors(_handle, op, outputs, tensors);
            }

            int[] exact = new int[count];
            Array.Copy(tensors, exact, count);
            return exact;
        }

        private void CheckLive()
        {
            if (_handle == 0)
            {
                throw new ObjectDisposedException("Model");
            }
        }

        private int Live(int value)
        {
            CheckLive();
            return value;
        }

        private void Check(int status)
        {
            if (status != 0)
            {
                throw new TinyMlException((TinyMlStatus)status, NativeErrorText(_handle));
            }
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeLoad(byte[] tflite, int[] report);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeRelease(int handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeIoTensors(int handle, int[] tensors);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeOperatorMacs(int handle, int op, int[] macs);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern string NativeOperatorName(int handle, int op);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeOperatorTensors(int handle, int op, int outputs, int[] tensors);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeTensor(int handle, int tensor, int[] report, float[] scale);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern string NativeTensorName(int handle, int tensor);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativePlacement(int handle, int tensor, int[] placement);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern string NativeErrorText(int handle);
    }
}

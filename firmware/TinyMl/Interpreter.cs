using System;
using System.Runtime.CompilerServices;

namespace TinyMl
{
    /// <summary>
    /// Runs a <see cref="Model"/> in a native arena of its own: set the inputs, invoke (whole or one operator at a
    /// time), read the outputs. Every native call runs at most one operator, so other managed threads get their turn
    /// between operators. Several interpreters of one model, and of several models, live side by side.
    /// Not thread-safe: use each interpreter from one thread at a time.
    /// </summary>
    public sealed class Interpreter : IDisposable
    {
        // NativeTensorInfo's report: type, bytes, 1 when the tensor has data.
        private const int TensorReportLength = 3;

        private readonly Model _model;
        private readonly TensorInfo[] _inputs;
        private readonly TensorInfo[] _outputs;
        private readonly int[] _done = new int[1];
        private int _handle; // 0 once disposed
        private bool _midInference;

        /// <summary>Lays the model's plan out in a new arena of <see cref="Model.ArenaBytes"/>.</summary>
        /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
        /// <exception cref="TinyMlException">The engine could not prepare an operator.</exception>
        public Interpreter(Model model)
        {
            Arguments.NotNull(model, "model");
            int modelHandle = model.Handle;
            _inputs = new TensorInfo[model.InputCountUnchecked];
            for (int i = 0; i < _inputs.Length; i++)
            {
                _inputs[i] = model.Input(i);
            }

            _outputs = new TensorInfo[model.OutputCountUnchecked];
            for (int i = 0; i < _outputs.Length; i++)
            {
                _outputs[i] = model.Output(i);
            }

            int[] handle = new int[1];
            int status = NativeCreate(modelHandle, handle);
            if (status != 0)
            {
                throw new TinyMlException((TinyMlStatus)status, NativeErrorText(0));
            }

            _handle = handle[0];
            _model = model;
        }

        ~Interpreter()
        {
            if (_handle != 0)
            {
                NativeRelease(_handle);
            }
        }

        public Model Model
        {
            get { return _model; }
        }

        /// <summary>Copies an int8 input.</summary>
        public void SetInput(int index, sbyte[] data)
        {
            Arguments.NotNull(data, "data");
            CheckTyped(Input(index), "input", index, TensorType.Int8, data.Length, "data");
            Check(NativeWriteInput(_handle, index, data));
        }

        /// <summary>Copies an input's raw bytes (little-endian), whatever its type.</summary>
        public void SetInput(int index, byte[] data)
        {
            Arguments.NotNull(data, "data");
            CheckBytes(Input(index), "input", index, data.Length, "data");
            Check(NativeWriteInputBytes(_handle, index, data));
        }

        /// <summary>Copies a float32 input.</summary>
        public void SetInput(int index, float[] data)
        {
            Arguments.NotNull(data, "data");
            CheckTyped(Input(index), "input", index, TensorType.Float32, data.Length, "data");
            Check(NativeWriteInputFloats(_handle, index, data));
        }

        /// <summary>Runs every operator, one native call per operator.</summary>
        public void Invoke()
        {
            CheckLive();
            // An inference begun with InvokeStep runs to its end first: Invoke always runs from the first operator.
            while (_midInference)
            {
                InvokeStep();
            }

            while (!InvokeStep())
            {
            }
        }

        /// <summary>Runs the next operator; true once the last one ran (the next call starts a new inference).</summary>
        public bool InvokeStep()
        {
            CheckLive();
            Check(NativeStep(_handle, _done));
            _midInference = _done[0] == 0;
            return !_midInference;
        }

        /// <summary>Copies an int8 output into destination, which must hold exactly its elements.</summary>
        public void GetOutput(int index, sbyte[] destination)
        {
            Arguments.NotNull(destination, "destination");
            CheckTyped(Output(index), "output", index, TensorType.Int8, destination.Length, "destination");
            Check(NativeReadOutput(_handle, index, destination));
        }

        /// <summary>A copy of an int8 output.</summary>
        public sbyte[] GetOutput(int index)
        {
            sbyte[] values = new sbyte[Output(index).Bytes];
            GetOutput(index, values);
            return values;
        }

        /// <summary>Copies an output's raw bytes (little-endian), whatever its type.</summary>
        public void GetOutput(int index, byte[] destination)
        {
            Arguments.NotNull(destination, "destination");
            CheckBytes(Output(index), "output", index, destination.Length, "destination");
            Check(NativeReadOutputBytes(_handle, index, destination));
        }

        /// <summary>Copies a float32 output into destination, which must hold exactly its elements.</summary>
        public void GetOutput(int index, float[] destination)
        {
            Arguments.NotNull(destination, "destination");
            CheckTyped(Output(index), "output", index, TensorType.Float32, destination.Length, "destination");
            Check(NativeReadOutputFloats(_handle, index, destination));
        }

        /// <summary>A copy of a float32 output.</summary>
        public float[] GetFloatOutput(int index)
        {
            float[] values = new float[Output(index).Bytes / 4];
            GetOutput(index, values);
            return values;
        }

        /// <summary>
        /// Copies any tensor's current bytes, e.g. an operator's output right after <see cref="InvokeStep"/> ran it
        /// (intermediate tensors share memory, so read them before later operators overwrite them).
        /// </summary>
        public void ReadTensor(int tensor, byte[] destination)
        {
            Arguments.NotNull(destination, "destination");
            int bytes = TensorBytes(tensor);
            if (destination.Length != bytes)
            {
                throw new ArgumentException("tensor " + tensor.ToString() + " holds " + bytes.ToString() +
                    " bytes, the array " + destination.Length.ToString(), "destination");
            }

            Check(NativeReadTensor(_handle, tensor, destination));
        }

        /// <summary>A copy of any tensor's current bytes.</summary>
        public byte[] ReadTensor(int tensor)
        {
            byte[] bytes = new byte[TensorBytes(tensor)];
            ReadTensor(tensor, bytes);
            return bytes;
        }

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

        private TensorInfo Input(int index)
        {
            CheckLive();
            Arguments.InRange(index, _inputs.Length, "input", "index");
            return _inputs[index];
        }

        private TensorInfo Output(int index)
        {
            CheckLive();
            Arguments.InRange(index, _outputs.Length, "output", "index");
            return _outputs[index];
        }

        private int TensorBytes(int tensor)
        {
            CheckLive();
            Arguments.InRange(tensor, _model.TensorCountUnchecked, "tensor", "tensor");
            int[] report = new int[TensorReportLength];
            Check(NativeTensorInfo(_handle, tensor, report));
            if (report[2] == 0 && report[1] > 0)
            {
                throw new ArgumentException("tensor " + tensor.ToString() + " holds no data: no operator reads or writes it",
                    "tensor");
            }

            return report[1];
        }

        // A typed copy: the tensor must be of that type and the array hold exactly its elements.
        private static void CheckTyped(TensorInfo info, string role, int index, TensorType type, int length, string paramName)
        {
            if (info.Type != type)
            {
                throw new ArgumentException(role + " " + index.ToString() + " is " + TensorInfo.TypeName(info.Type) +
                    ", not " + TensorInfo.TypeName(type) + " (" + info.ToString() +
                    "); copy its raw bytes with a byte[] instead", paramName);
            }

            int elements = type == TensorType.Float32 ? info.Bytes / 4 : info.Bytes;
            if (length != elements)
            {
                throw new ArgumentException(role + " " + index.ToString() + " holds " + elements.ToString() + " " +
                    TensorInfo.TypeName(type) + " values, the array " + length.ToString() + " (" + info.ToString() + ")",
                    paramName);
            }
        }

        // A raw copy: the array must hold exactly the tensor's bytes.
        private static void CheckBytes(TensorInfo info, string role, int index, int length, string paramName)
        {
            if (length != info.Bytes)
            {
                throw new ArgumentException(role + " " + index.ToString() + " holds " + info.Bytes.ToString() +
                    " bytes, the array " + length.ToString() + " (" + info.ToString() + ")", paramName);
            }
        }

        private void CheckLive()
        {
            if (_handle == 0)
            {
                throw new ObjectDisposedException("Interpreter");
            }
        }

        private void Check(int status)
        {
            if (status != 0)
            {
                throw new TinyMlException((TinyMlStatus)status, NativeErrorText(_handle));
            }
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCreate(int model, int[] handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeRelease(int handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeWriteInput(int handle, int input, sbyte[] data);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeWriteInputBytes(int handle, int input, byte[] data);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeWriteInputFloats(int handle, int input, float[] data);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeStep(int handle, int[] done);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeReadOutput(int handle, int output, sbyte[] data);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeReadOutputBytes(int handle, int output, byte[] data);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeReadOutputFloats(int handle, int output, float[] data);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeTensorInfo(int handle, int tensor, int[] report);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeReadTensor(int handle, int tensor, byte[] data);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern string NativeErrorText(int handle);
    }
}

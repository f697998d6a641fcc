namespace TinyMl
{
    /// <summary>One tensor of a model as the model file describes it.</summary>
    public sealed class TensorInfo
    {
        private readonly int _index;
        private readonly string _name;
        private readonly TensorType _type;
        private readonly int[] _shape;
        private readonly int _bytes;
        private readonly float _scale;
        private readonly int _zeroPoint;
        private readonly int _quantizedChannels;

        internal TensorInfo(int index, string name, TensorType type, int[] shape, int bytes, float scale, int zeroPoint,
            int quantizedChannels)
        {
            _index = index;
            _name = name;
            _type = type;
            _shape = shape;
            _bytes = bytes;
            _scale = scale;
            _zeroPoint = zeroPoint;
            _quantizedChannels = quantizedChannels;
        }

        /// <summary>Tensor index in the model (what <see cref="Interpreter.ReadTensor(int, byte[])"/> takes).</summary>
        public int Index
        {
            get { return _index; }
        }

        /// <summary>The name in the model file; empty when it has none.</summary>
        public string Name
        {
            get { return _name; }
        }

        public TensorType Type
        {
            get { return _type; }
        }

        public int[] Shape
        {
            get { return _shape; }
        }

        public int Bytes
        {
            get { return _bytes; }
        }

        /// <summary>real = Scale * (q - ZeroPoint); 0 when not quantized, channel 0's when per-channel.</summary>
        public float Scale
        {
            get { return _scale; }
        }

        public int ZeroPoint
        {
            get { return _zeroPoint; }
        }

        /// <summary>1 per-tensor, more than 1 per-channel, 0 not quantized.</summary>
        public int QuantizedChannels
        {
            get { return _quantizedChannels; }
        }

        public override string ToString()
        {
            string dims = "";
            for (int i = 0; i < _shape.Length; i++)
            {
                dims += i == 0 ? _shape[i].ToString() : "," + _shape[i].ToString();
            }

            return "tensor " + _index.ToString() + " '" + _name + "' " + TypeName(_type) + " [" + dims + "] " +
                _bytes.ToString() + " bytes";
        }

        // nanoFramework does not store enum names (ToString gives the number), so messages spell types out.
        internal static string TypeName(TensorType type)
        {
            switch (type)
            {
                case TensorType.Float32: return "Float32";
                case TensorType.Float16: return "Float16";
                case TensorType.Int32: return "Int32";
                case TensorType.UInt8: return "UInt8";
                case TensorType.Int64: return "Int64";
                case TensorType.String: return "String";
                case TensorType.Bool: return "Bool";
                case TensorType.Int16: return "Int16";
                case TensorType.Complex64: return "Complex64";
                case TensorType.Int8: return "Int8";
                case TensorType.Float64: return "Float64";
                default: return "type " + ((int)type).ToString();
            }
        }
    }
}

namespace TinyMl
{
    /// <summary>Where the memory plan puts one tensor, and when its memory is in use.</summary>
    public sealed class TensorPlacement
    {
        private readonly TensorStorage _storage;
        private readonly int _offset;
        private readonly int _bytes;
        private readonly int _firstOperator;
        private readonly int _lastOperator;
        private readonly int _sharesWith;

        internal TensorPlacement(TensorStorage storage, int offset, int bytes, int firstOperator, int lastOperator,
            int sharesWith)
        {
            _storage = storage;
            _offset = offset;
            _bytes = bytes;
            _firstOperator = firstOperator;
            _lastOperator = lastOperator;
            _sharesWith = sharesWith;
        }

        public TensorStorage Storage
        {
            get { return _storage; }
        }

        /// <summary>Into the activation area (<see cref="TensorStorage.Arena"/>) or the model bytes (<see cref="TensorStorage.Model"/>).</summary>
        public int Offset
        {
            get { return _offset; }
        }

        public int Bytes
        {
            get { return _bytes; }
        }

        /// <summary>First operator index during which the memory is in use (model inputs: 0); -1 outside the arena.</summary>
        public int FirstOperator
        {
            get { return _firstOperator; }
        }

        /// <summary>Last operator index during which the memory is in use (model outputs: the operator count); -1 outside the arena.</summary>
        public int LastOperator
        {
            get { return _lastOperator; }
        }

        /// <summary>Index of a tensor whose memory this one reuses (reshape, in-place operator), or -1.</summary>
        public int SharesWith
        {
            get { return _sharesWith; }
        }
    }
}

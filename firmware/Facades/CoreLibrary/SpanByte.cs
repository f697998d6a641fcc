// Facade of nanoFramework.CoreLibrary 1.17.11: System.SpanByte (the byte span of the 1.x runtime, which has no Span<T>).
// Members the firmware uses; Array/Start are facade-internal so the other facades can reach the bytes.

namespace System
{
    public readonly ref struct SpanByte
    {
        private readonly byte[] _array;
        private readonly int _start;
        private readonly int _length;

        public SpanByte(byte[] array)
        {
            _array = array;
            _start = 0;
            _length = array == null ? 0 : array.Length;
        }

        public SpanByte(byte[] array, int start, int length)
        {
            if (array == null)
            {
                if (start != 0 || length != 0)
                {
                    throw new ArgumentOutOfRangeException("start");
                }
            }
            else if (start < 0 || length < 0 || start > array.Length || length > array.Length - start)
            {
                throw new ArgumentOutOfRangeException("length");
            }

            _array = array;
            _start = start;
            _length = length;
        }

        public int Length
        {
            get { return _length; }
        }

        public byte this[int index]
        {
            get
            {
                CheckIndex(index);
                return _array[_start + index];
            }

            set
            {
                CheckIndex(index);
                _array[_start + index] = value;
            }
        }

        public SpanByte Slice(int start)
        {
            if (start < 0 || start > _length)
            {
                throw new ArgumentOutOfRangeException("start");
            }

            return new SpanByte(_array, _start + start, _length - start);
        }

        public SpanByte Slice(int start, int length)
        {
            if (start < 0 || length < 0 || start + length > _length)
            {
                throw new ArgumentOutOfRangeException("length");
            }

            return new SpanByte(_array, _start + start, length);
        }

        public byte[] ToArray()
        {
            byte[] copy = new byte[_length];
            if (_length > 0)
            {
                System.Array.Copy(_array, _start, copy, 0, _length);
            }

            return copy;
        }

        public static implicit operator SpanByte(byte[] array)
        {
            return new SpanByte(array);
        }

        internal byte[] Array
        {
            get { return _array; }
        }

        internal int Start
        {
            get { return _start; }
        }

        private void CheckIndex(int index)
        {
            if (index < 0 || index >= _length)
            {
                throw new ArgumentOutOfRangeException("index");
            }
        }
    }
}

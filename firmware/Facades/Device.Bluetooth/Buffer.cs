// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.Buffer (the byte container of the
// GATT API). On Linux System.Buffer also exists: firmware names this one fully or through a using alias.

using System;

namespace nanoFramework.Device.Bluetooth
{
    public class Buffer
    {
        private readonly byte[] _data;
        private uint _length;

        public Buffer(byte[] array)
        {
            _data = array;
            _length = (uint)array.Length;
        }

        public uint Capacity
        {
            get { return (uint)_data.Length; }
        }

        public uint Length
        {
            get { return _length; }
            set
            {
                if (value > _data.Length)
                {
                    throw new ArgumentException("Length greater than current buffer");
                }

                _length = value;
            }
        }

        internal byte[] Data
        {
            get { return _data; }
        }

        /// <summary>A copy of the bytes in use (what the native layer is handed).</summary>
        internal byte[] ToBytes()
        {
            byte[] bytes = new byte[_length];
            Array.Copy(_data, bytes, (int)_length);
            return bytes;
        }
    }
}

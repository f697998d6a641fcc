// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.DataReader (members used).

using System;

namespace nanoFramework.Device.Bluetooth
{
    public class DataReader
    {
        private readonly Buffer _buffer;
        private int _position;

        private DataReader(Buffer buffer)
        {
            _buffer = buffer;
        }

        public static DataReader FromBuffer(Buffer buffer)
        {
            return new DataReader(buffer);
        }

        public uint UnconsumedBufferLength
        {
            get { return _buffer.Length - (uint)_position; }
        }

        /// <summary>Fills value from the unread bytes; throws when fewer than value.Length remain.</summary>
        public void ReadBytes(byte[] value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }

            if (UnconsumedBufferLength < value.Length)
            {
                throw new ArgumentOutOfRangeException("value", "No data in buffer");
            }

            Array.Copy(_buffer.Data, _position, value, 0, value.Length);
            _position += value.Length;
        }
    }
}

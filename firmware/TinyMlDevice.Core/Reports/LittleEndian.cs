using System;

namespace TinyMlDevice.Core
{
    /// <summary>Little-endian fields in byte arrays, the same on every host (BitConverter follows the CPU's order).</summary>
    public static class LittleEndian
    {
        public static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }

        public static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        public static void WriteSingle(byte[] buffer, int offset, float value)
        {
            byte[] bytes = BitConverter.GetBytes(value);
            if (!BitConverter.IsLittleEndian)
            {
                Swap(bytes);
            }

            Array.Copy(bytes, 0, buffer, offset, 4);
        }

        public static ushort ReadUInt16(byte[] buffer, int offset) =>
            (ushort)(buffer[offset] | (buffer[offset + 1] << 8));

        public static uint ReadUInt32(byte[] buffer, int offset) =>
            (uint)(buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24));

        public static float ReadSingle(byte[] buffer, int offset)
        {
            byte[] bytes = new byte[4];
            Array.Copy(buffer, offset, bytes, 0, 4);
            if (!BitConverter.IsLittleEndian)
            {
                Swap(bytes);
            }

            return BitConverter.ToSingle(bytes, 0);
        }

        private static void Swap(byte[] four)
        {
            byte b = four[0];
            four[0] = four[3];
            four[3] = b;
            b = four[1];
            four[1] = four[2];
            four[2] = b;
        }
    }
}

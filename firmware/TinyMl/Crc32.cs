using System.Runtime.CompilerServices;

namespace TinyMl
{
    /// <summary>CRC-32 of IEEE 802.3 (zlib's, PNG's), computed by the native engine.</summary>
    public static class Crc32
    {
        /// <summary>The CRC-32 of count bytes of data from offset ("123456789" gives 0xCBF43926).</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Update(0, data, offset, count);
        }

        /// <summary>
        /// Continues a CRC: Update(Compute(a), b) equals Compute(a followed by b); Update(0, …) equals Compute(…).
        /// </summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            Arguments.Range(data, offset, count);
            return (uint)NativeUpdate((int)crc, data, offset, count);
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeUpdate(int crc, byte[] data, int offset, int count);
    }
}

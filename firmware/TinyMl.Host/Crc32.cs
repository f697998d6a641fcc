using static TinyMl.Native.EngineMethods;

namespace TinyMl;

/// <summary>CRC-32 of IEEE 802.3 (zlib's, PNG's), computed by the native engine.</summary>
public static unsafe class Crc32
{
    /// <summary>The CRC-32 of count bytes of data from offset ("123456789" gives 0xCBF43926).</summary>
    public static uint Compute(byte[] data, int offset, int count) => Update(0, data, offset, count);

    /// <summary>
    /// Continues a CRC: Update(Compute(a), b) equals Compute(a followed by b); Update(0, …) equals Compute(…).
    /// </summary>
    public static uint Update(uint crc, byte[] data, int offset, int count)
    {
        Crypto.CheckRange(data, offset, count);
        uint state = ~crc; // the running register of tml_crc32 is the finished value inverted
        fixed (byte* bytes = data)
        {
            tml_crc32_update(&state, bytes + offset, (nuint)count);
        }

        return ~state;
    }
}

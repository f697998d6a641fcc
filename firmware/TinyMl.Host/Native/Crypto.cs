using System;

namespace TinyMl;

// Argument checks of the crypto types, as firmware/TinyMl's Arguments.Range words them.
internal static class Crypto
{
    internal static void CheckRange(byte[] data, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (offset < 0 || count < 0 || offset > data.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count),
                $"bytes {offset} to {offset + count} are not inside the {data.Length} bytes of data");
        }
    }
}

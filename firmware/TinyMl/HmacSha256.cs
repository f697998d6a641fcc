using System;
using System.Runtime.CompilerServices;

namespace TinyMl
{
    /// <summary>
    /// HMAC-SHA-256 (RFC 2104) computed by the native engine, a piece at a time. The key is absorbed at construction into
    /// the two hash states the engine keeps in a managed byte array; the instance keeps no copy of the key itself.
    /// Not thread-safe.
    /// </summary>
    public sealed class HmacSha256
    {
        public const int TagBytes = 32;

        // sizeof(tml_hmac_sha256).
        private const int StateBytes = 216;

        private readonly byte[] _keyed = new byte[StateBytes]; // the state right after the key, to start over from
        private readonly byte[] _state = new byte[StateBytes];

        /// <summary>A tag over no bytes so far under key (any length; RFC 2104 hashes keys longer than 64 bytes).</summary>
        public HmacSha256(byte[] key)
        {
            Arguments.NotNull(key, "key");
            NativeInit(_keyed, key);
            Array.Copy(_keyed, _state, StateBytes);
        }

        /// <summary>Adds count bytes of data from offset.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            Arguments.Range(data, offset, count);
            Check(NativeUpdate(_state, data, offset, count));
        }

        /// <summary>The tag of everything added since construction or the last Finish; then starts over with the same key.</summary>
        public byte[] Finish()
        {
            byte[] tag = new byte[TagBytes];
            Check(NativeFinal(_state, tag));
            Array.Copy(_keyed, _state, StateBytes);
            return tag;
        }

        /// <summary>The tag of count bytes of data from offset under key.</summary>
        public static byte[] Compute(byte[] key, byte[] data, int offset, int count)
        {
            HmacSha256 hmac = new HmacSha256(key);
            hmac.Update(data, offset, count);
            return hmac.Finish();
        }

        /// <summary>
        /// True when count bytes of a from aOffset equal those of b from bOffset, looking at every byte whatever the first
        /// difference (a tag comparison that takes the same time for every wrong tag).
        /// </summary>
        public static bool TagsEqual(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            Arguments.Range(a, aOffset, count);
            Arguments.Range(b, bOffset, count);
            int difference = 0;
            for (int i = 0; i < count; i++)
            {
                difference |= a[aOffset + i] ^ b[bOffset + i]; // one tag (32 bytes) per command
            }

            return difference == 0;
        }

        private static void Check(int status)
        {
            if (status != 0)
            {
                throw new TinyMlException((TinyMlStatus)status, "HMAC-SHA-256 state is damaged");
            }
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeInit(byte[] state, byte[] key);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeUpdate(byte[] state, byte[] data, int offset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFinal(byte[] state, byte[] tag);
    }
}

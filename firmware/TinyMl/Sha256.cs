using System;
using System.Runtime.CompilerServices;

namespace TinyMl
{
    /// <summary>
    /// SHA-256 (FIPS 180-4) computed by the native engine, a piece at a time. The state lives in a managed byte array the
    /// engine reads and writes during each call, so an instance holds no native memory. Not thread-safe.
    /// </summary>
    public sealed class Sha256
    {
        public const int DigestBytes = 32;

        // sizeof(tml_sha256): fixed-width fields, the same on the device and the host.
        private const int StateBytes = 108;

        private readonly byte[] _state = new byte[StateBytes];

        /// <summary>A hash of no bytes so far.</summary>
        public Sha256()
        {
            NativeInit(_state);
        }

        /// <summary>Adds count bytes of data from offset.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            Arguments.Range(data, offset, count);
            Check(NativeUpdate(_state, data, offset, count));
        }

        /// <summary>The digest of everything added since construction or the last Finish; then starts over.</summary>
        public byte[] Finish()
        {
            byte[] digest = new byte[DigestBytes];
            Check(NativeFinal(_state, digest));
            NativeInit(_state);
            return digest;
        }

        /// <summary>The digest of count bytes of data from offset.</summary>
        public static byte[] Hash(byte[] data, int offset, int count)
        {
            Sha256 sha = new Sha256();
            sha.Update(data, offset, count);
            return sha.Finish();
        }

        private static void Check(int status)
        {
            if (status != 0)
            {
                throw new TinyMlException((TinyMlStatus)status, "SHA-256 state is damaged");
            }
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeInit(byte[] state);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeUpdate(byte[] state, byte[] data, int offset, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeFinal(byte[] state, byte[] digest);
    }
}

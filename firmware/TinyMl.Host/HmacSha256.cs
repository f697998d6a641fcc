using System;
using static TinyMl.Native.EngineMethods;

namespace TinyMl;

/// <summary>
/// HMAC-SHA-256 (RFC 2104) computed by the native engine, a piece at a time. The key is absorbed at construction into
/// the two hash states the engine keeps in a managed byte array; the instance keeps no copy of the key itself.
/// Not thread-safe.
/// </summary>
public sealed unsafe class HmacSha256
{
    public const int TagBytes = 32;

    private readonly byte[] _keyed = new byte[HmacSha256StateBytes]; // the state right after the key, to start over from
    private readonly byte[] _state = new byte[HmacSha256StateBytes];

    /// <summary>A tag over no bytes so far under key (any length; RFC 2104 hashes keys longer than 64 bytes).</summary>
    public HmacSha256(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        fixed (byte* state = _keyed)
        fixed (byte* k = key)
        {
            tml_hmac_sha256_init(state, k, (nuint)key.Length);
        }

        Array.Copy(_keyed, _state, _state.Length);
    }

    /// <summary>Adds count bytes of data from offset.</summary>
    public void Update(byte[] data, int offset, int count)
    {
        Crypto.CheckRange(data, offset, count);
        fixed (byte* state = _state)
        fixed (byte* bytes = data)
        {
            Check(tml_hmac_sha256_update(state, bytes + offset, (nuint)count));
        }
    }

    /// <summary>The tag of everything added since construction or the last Finish; then starts over with the same key.</summary>
    public byte[] Finish()
    {
        byte[] tag = new byte[TagBytes];
        fixed (byte* state = _state)
        fixed (byte* output = tag)
        {
            Check(tml_hmac_sha256_final(state, output));
        }

        Array.Copy(_keyed, _state, _state.Length);
        return tag;
    }

    /// <summary>The tag of count bytes of data from offset under key.</summary>
    public static byte[] Compute(byte[] key, byte[] data, int offset, int count)
    {
        HmacSha256 hmac = new(key);
        hmac.Update(data, offset, count);
        return hmac.Finish();
    }

    /// <summary>
    /// True when count bytes of a from aOffset equal those of b from bOffset, looking at every byte whatever the first
    /// difference (a tag comparison that takes the same time for every wrong tag).
    /// </summary>
    public static bool TagsEqual(byte[] a, int aOffset, byte[] b, int bOffset, int count)
    {
        Crypto.CheckRange(a, aOffset, count);
        Crypto.CheckRange(b, bOffset, count);
        int difference = 0;
        for (int i = 0; i < count; i++)
        {
            difference |= a[aOffset + i] ^ b[bOffset + i];
        }

        return difference == 0;
    }

    private static void Check(TinyMlStatus status)
    {
        if (status != TinyMlStatus.Ok)
        {
            throw new TinyMlException(status, "HMAC-SHA-256 state is damaged");
        }
    }
}

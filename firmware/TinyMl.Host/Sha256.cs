using System;
using static TinyMl.Native.EngineMethods;

namespace TinyMl;

/// <summary>
/// SHA-256 (FIPS 180-4) computed by the native engine, a piece at a time. The state lives in a managed byte array the
/// engine reads and writes during each call, so an instance holds no native memory. Not thread-safe.
/// </summary>
public sealed unsafe class Sha256
{
    public const int DigestBytes = 32;

    private readonly byte[] _state = new byte[Sha256StateBytes];

    /// <summary>A hash of no bytes so far.</summary>
    public Sha256()
    {
        Init(_state);
    }

    /// <summary>Adds count bytes of data from offset.</summary>
    public void Update(byte[] data, int offset, int count)
    {
        Crypto.CheckRange(data, offset, count);
        fixed (byte* state = _state)
        fixed (byte* bytes = data)
        {
            Check(tml_sha256_update(state, bytes + offset, (nuint)count));
        }
    }

    /// <summary>The digest of everything added since construction or the last Finish; then starts over.</summary>
    public byte[] Finish()
    {
        byte[] digest = new byte[DigestBytes];
        fixed (byte* state = _state)
        fixed (byte* output = digest)
        {
            Check(tml_sha256_final(state, output));
        }

        Init(_state);
        return digest;
    }

    /// <summary>The digest of count bytes of data from offset.</summary>
    public static byte[] Hash(byte[] data, int offset, int count)
    {
        Sha256 sha = new();
        sha.Update(data, offset, count);
        return sha.Finish();
    }

    private static void Init(byte[] stateBytes)
    {
        fixed (byte* state = stateBytes)
        {
            tml_sha256_init(state);
        }
    }

    private static void Check(TinyMlStatus status)
    {
        if (status != TinyMlStatus.Ok)
        {
            throw new TinyMlException(status, "SHA-256 state is damaged");
        }
    }
}

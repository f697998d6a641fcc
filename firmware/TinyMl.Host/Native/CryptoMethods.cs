using System.Runtime.InteropServices;

namespace TinyMl.Native;

// The crypto entry points (tinyml/crypto.h). States are the callers' byte arrays, pinned for the call only.
internal static unsafe partial class EngineMethods
{
    internal const int Sha256StateBytes = 108;
    internal const int HmacSha256StateBytes = 216;

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_sha256_init(byte* state);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_sha256_update(byte* state, byte* data, nuint size);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_sha256_final(byte* state, byte* digest);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_hmac_sha256_init(byte* state, byte* key, nuint keySize);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_hmac_sha256_update(byte* state, byte* data, nuint size);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_hmac_sha256_final(byte* state, byte* tag);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_crc32_update(uint* state, byte* data, nuint size);
}

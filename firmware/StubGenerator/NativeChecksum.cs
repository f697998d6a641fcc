using System.Text;

namespace TinyMl.StubGenerator;

/// <summary>
/// The metadata processor generations whose native checksum this generator reproduces, newest first. Each was checked
/// against stubs that generation wrote (native-interop/nanoclr/README.md, "Verified").
/// </summary>
public enum ChecksumFlavor
{
    /// <summary>
    /// January 2026 on (metadata-processor pull request #230): the "nullptr" marker after every method of every
    /// stub-included type, native or not, each update seeded with the running value. Lookup entries <c>nullptr</c>.
    /// </summary>
    Current,

    /// <summary>
    /// Before that: the "nullptr" marker for managed methods only, and every update seeded with 0 until the first
    /// native method has been counted (so the first native method contributes only its mangled name). Lookup entries
    /// <c>nullptr</c>.
    /// </summary>
    NullptrMarker,

    /// <summary>As <see cref="NullptrMarker"/> with the "NULL" marker and <c>NULL</c> lookup entries (2020 on).</summary>
    NullMarker,

    /// <summary>The "NULL" marker for managed methods only, every update seeded with the running value (2019).</summary>
    Original,
}

/// <summary>CRC-32 as the metadata processor computes it: polynomial 0x04C11DB7, MSB first, no reflection, no final XOR.</summary>
internal static class NativeChecksum
{
    private static readonly uint[] Table = BuildTable();

    public static uint Crc32(ReadOnlySpan<byte> bytes, uint crc)
    {
        foreach (byte b in bytes)
        {
            crc = Table[(byte)((crc >> 24) ^ b)] ^ (crc << 8);
        }

        return crc;
    }

    /// <summary>
    /// Over the stub-included types in type-table order and their methods in method order: for a native method the
    /// assembly name, class name and mangled method name; a marker for the others (and, in the current flavor, after
    /// every method). 0 when the assembly has no native method.
    /// </summary>
    public static uint Compute(InteropAssembly assembly, ChecksumFlavor flavor)
    {
        byte[] assemblyName = Encoding.ASCII.GetBytes(assembly.Name);
        byte[] marker = Encoding.ASCII.GetBytes(NullEntry(flavor));
        bool zeroSeed = flavor is ChecksumFlavor.NullptrMarker or ChecksumFlavor.NullMarker;
        uint crc = 0;
        int natives = 0;
        uint Seed() => zeroSeed && natives == 0 ? 0 : crc;

        foreach (NanoType type in assembly.TypeTable.Where(t => t.IncludeInStub))
        {
            foreach (NanoMethod method in MetadataProcessorOrder.Methods(type))
            {
                if (method.IsNative)
                {
                    crc = Crc32(assemblyName, Seed());
                    crc = Crc32(Encoding.ASCII.GetBytes(NativeNames.ClassName(type)), Seed());
                    crc = Crc32(Encoding.ASCII.GetBytes(NativeNames.MethodName(method)), Seed());
                    natives++;
                    if (flavor == ChecksumFlavor.Current)
                    {
                        crc = Crc32(marker, crc);
                    }
                }
                else
                {
                    crc = Crc32(marker, Seed());
                }
            }
        }

        return natives > 0 ? crc : 0;
    }

    /// <summary>The lookup entry of a managed method, which is also the checksum's marker.</summary>
    public static string NullEntry(ChecksumFlavor flavor) =>
        flavor is ChecksumFlavor.Current or ChecksumFlavor.NullptrMarker ? "nullptr" : "NULL";

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i << 24;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
            }

            table[i] = c;
        }

        return table;
    }
}

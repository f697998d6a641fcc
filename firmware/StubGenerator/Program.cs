using TinyMl.StubGenerator;

// StubGenerator ASSEMBLY.dll OUT_DIR [--checksum current|nullptrmarker|nullmarker|original]
// Writes the nanoCLR interop stubs for the assembly into OUT_DIR and prints the native checksum.
if (args.Length is not (2 or 4) || (args.Length == 4 && args[2] != "--checksum"))
{
    Console.Error.WriteLine("usage: StubGenerator ASSEMBLY.dll OUT_DIR [--checksum current|nullptrmarker|nullmarker|original]");
    return 2;
}

ChecksumFlavor flavor = ChecksumFlavor.Current;
if (args.Length == 4 && !Enum.TryParse(args[3], ignoreCase: true, out flavor))
{
    Console.Error.WriteLine($"unknown checksum flavor '{args[3]}': current, nullptrmarker, nullmarker or original");
    return 2;
}

try
{
    StubSet stubs = StubSet.FromAssembly(args[0], flavor);
    stubs.WriteTo(args[1]);
    Console.WriteLine($"native checksum 0x{stubs.Checksum:X8}; {stubs.Files.Count} files in {args[1]}");
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or BadImageFormatException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

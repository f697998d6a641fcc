using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TinyMlDevice.Core.Tests;

// On Linux the core compiles against TinyMl.Host; on the device against the interop assembly firmware/TinyMl. This
// compiles the core's sources with the interop assembly's sources, so the core never uses a member only the host
// binding has.
public class DeviceApiTests
{
    [Fact]
    public void TheCoreCompilesAgainstTheDevicesTinyMlAssembly()
    {
        string tinyMl = Repository.PathOf("firmware/TinyMl");
        if (!File.Exists(Path.Combine(tinyMl, "TinyMl.nfproj")))
        {
            Assert.Skip("firmware/TinyMl is not in this checkout");
        }

        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] Trees(string folder) => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToArray();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.") || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable);

        CSharpCompilation device = CSharpCompilation.Create("TinyMl", Trees(tinyMl), references, options);
        Assert.Empty(device.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        references.Add(device.ToMetadataReference());

        CSharpCompilation core = CSharpCompilation.Create("TinyMlDevice.Core", Trees(Repository.PathOf("firmware/TinyMlDevice.Core")), references, options);
        Diagnostic[] errors = core.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => e.ToString())));
    }
}

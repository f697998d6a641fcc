using System.Xml.Linq;

namespace TinyMl.Interop.Tests;

// TinyMl.csproj (Linux) and TinyMl.nfproj (Visual Studio) build one assembly: same sources, the stubs generated.
public class ProjectFilesTests
{
    private static readonly string ProjectDir = Repository.Path("firmware", "TinyMl");

    [Fact]
    public void LinuxAndVisualStudioProjectsCompileTheSameFiles()
    {
        XNamespace ns = "http://schemas.microsoft.com/developer/msbuild/2003";
        List<string> nfproj = XDocument.Load(System.IO.Path.Combine(ProjectDir, "TinyMl.nfproj"))
            .Descendants(ns + "Compile").Select(c => c.Attribute("Include")!.Value.Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();
        // TinyMl.csproj compiles *.cs and Properties/*.cs.
        List<string> onDisk = Directory.GetFiles(ProjectDir, "*.cs")
            .Concat(Directory.GetFiles(System.IO.Path.Combine(ProjectDir, "Properties"), "*.cs"))
            .Select(f => System.IO.Path.GetRelativePath(ProjectDir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(onDisk, nfproj);
    }

    [Fact]
    public void VisualStudioProjectGeneratesStubsAgainstCoreLibrary11711()
    {
        string nfproj = System.IO.File.ReadAllText(System.IO.Path.Combine(ProjectDir, "TinyMl.nfproj"));
        Assert.Contains("<NFMDP_GENERATE_STUBS>true</NFMDP_GENERATE_STUBS>", nfproj);
        Assert.Contains(@"packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll", nfproj);
        string packages = System.IO.File.ReadAllText(System.IO.Path.Combine(ProjectDir, "packages.config"));
        Assert.Contains("<package id=\"nanoFramework.CoreLibrary\" version=\"1.17.11\" targetFramework=\"netnano1.0\" />", packages);
    }
}

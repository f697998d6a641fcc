using System.Text.RegularExpressions;
using System.Xml.Linq;
using TinyMlDevice.Tests.Fakes;

namespace TinyMlDevice.Tests;

// What Visual Studio builds must be what Linux builds, against the package versions NANOFRAMEWORK.md pins.
public class ProjectFileTests
{
    private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    private static readonly Dictionary<string, string> PinnedPackages = new()
    {
        ["nanoFramework.CoreLibrary"] = "1.17.11",
        ["nanoFramework.Device.Bluetooth"] = "1.1.123",
        ["nanoFramework.Hardware.Esp32"] = "1.6.40",
        ["nanoFramework.ResourceManager"] = "1.2.32",
        ["nanoFramework.Runtime.Events"] = "1.11.37",
        ["nanoFramework.Runtime.Native"] = "1.7.11",
        ["nanoFramework.System.Collections"] = "1.5.75",
        ["nanoFramework.System.Device.Gpio"] = "1.1.64",
        ["nanoFramework.System.Device.I2c"] = "1.1.29",
        ["nanoFramework.System.Device.I2s"] = "1.0.28",
        ["nanoFramework.System.Text"] = "1.3.42",
    };

    private static string Folder => Repo.Path("firmware/TinyMlDevice");

    [Fact]
    public void The_nfproj_compiles_exactly_the_cs_files_the_csproj_compiles()
    {
        XDocument nfproj = XDocument.Load(Path.Combine(Folder, "TinyMlDevice.nfproj"));
        string[] compiled = nfproj.Descendants(Msbuild + "Compile").Select(c => ((string)c.Attribute("Include")!).Replace('\\', '/')).Order().ToArray();
        string[] onDisk = Directory.GetFiles(Folder, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/") && !f.StartsWith("bin/")).Order().ToArray();

        Assert.Equal(onDisk, compiled);
    }

    [Fact]
    public void Packages_config_pins_the_versions_of_NANOFRAMEWORK_md()
    {
        XDocument packages = XDocument.Load(Path.Combine(Folder, "packages.config"));
        Dictionary<string, string> pinned = packages.Root!.Elements("package")
            .ToDictionary(p => (string)p.Attribute("id")!, p => (string)p.Attribute("version")!);

        Assert.Equal(PinnedPackages.OrderBy(p => p.Key), pinned.OrderBy(p => p.Key));
        Assert.All(packages.Root.Elements("package"), p => Assert.Equal("netnano1.0", (string)p.Attribute("targetFramework")!));
    }

    [Fact]
    public void Every_reference_of_the_nfproj_comes_from_a_pinned_package()
    {
        XDocument nfproj = XDocument.Load(Path.Combine(Folder, "TinyMlDevice.nfproj"));
        string[] hintPaths = nfproj.Descendants(Msbuild + "HintPath").Select(h => h.Value).ToArray();

        Assert.Equal(PinnedPackages.Count, hintPaths.Length);
        foreach ((string id, string version) in PinnedPackages)
        {
            Assert.Contains(hintPaths, h => h.StartsWith($@"..\..\packages\{id}.{version}\lib\"));
        }
    }

    [Fact]
    public void The_nfproj_embeds_Resources_resx_with_nanoFrameworks_generator_and_references_the_interop_and_core_projects()
    {
        XDocument nfproj = XDocument.Load(Path.Combine(Folder, "TinyMlDevice.nfproj"));

        XElement resx = nfproj.Descendants(Msbuild + "EmbeddedResource").Single();
        Assert.Equal("Resources.resx", (string)resx.Attribute("Include")!);
        Assert.Equal("nFResXFileCodeGenerator", resx.Element(Msbuild + "Generator")!.Value);
        Assert.Equal(new[] { @"..\TinyMl\TinyMl.nfproj", @"..\TinyMlDevice.Core\TinyMlDevice.Core.nfproj" },
            nfproj.Descendants(Msbuild + "ProjectReference").Select(p => (string)p.Attribute("Include")!));
        Assert.Equal("v1.0", nfproj.Descendants(Msbuild + "TargetFrameworkVersion").Single().Value);
    }

    [Fact]
    public void Every_facade_file_names_the_package_and_the_pinned_version_it_mirrors()
    {
        string facades = Repo.Path("firmware/Facades");
        string[] files = Directory.GetFiles(facades, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Backends{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).ToArray();
        Assert.NotEmpty(files);
        Regex header = new(@"^// Facade of (?<id>\S+) (?<version>\d+\.\d+\.\d+):");
        foreach (string file in files)
        {
            Match m = header.Match(File.ReadLines(file).First());
            Assert.True(m.Success, file + " does not start with '// Facade of <package> <version>:'");
            Assert.True(PinnedPackages.TryGetValue(m.Groups["id"].Value, out string? version), file + " names an unpinned package");
            Assert.Equal(version, m.Groups["version"].Value);
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TinyMlDevice.Core.Tests;

// Every Visual Studio .nfproj under firmware/ and tests/device compiles exactly the .cs files in its folder, as the Linux
// .csproj beside it does (evaluated by MSBuild itself), so the two builds can never drift; its packages.config pins the
// versions of docs NANOFRAMEWORK.md; and the firmware .csproj files get the subset analyzer unless they are host-only.
public class ProjectFileTests
{
    // the stable 1.x line (../shared/docs/NANOFRAMEWORK.md, "Versions")
    private static readonly Dictionary<string, string> PinnedVersions = new()
    {
        ["nanoFramework.CoreLibrary"] = "1.17.11",
        ["nanoFramework.Hardware.Esp32"] = "1.6.40",
        ["nanoFramework.System.Device.I2c"] = "1.1.29",
        ["nanoFramework.System.Device.I2s"] = "1.0.28",
        ["nanoFramework.Device.Bluetooth"] = "1.1.123",
        ["nanoFramework.TestFramework"] = "3.0.80",
        ["nanoFramework.Runtime.Events"] = "1.11.37",
        ["nanoFramework.Runtime.Native"] = "1.7.11",
        ["nanoFramework.System.Collections"] = "1.5.75",
        ["nanoFramework.System.Text"] = "1.3.42",
        ["nanoFramework.System.Math"] = "1.5.116",
    };

    private static readonly string[] HostOnlyFolders = { "TinyMl.Host", "Facades", "Analyzers", "Simulator", "StubGenerator" };

    public static TheoryData<string> NanoProjects()
    {
        var data = new TheoryData<string>();
        foreach (string folder in new[] { "firmware", "tests/device" })
        {
            string root = Repository.PathOf(folder);
            if (Directory.Exists(root))
            {
                foreach (string file in Directory.EnumerateFiles(root, "*.nfproj", SearchOption.AllDirectories).Where(NotBuildOutput).Order())
                {
                    data.Add(Path.GetRelativePath(Repository.Root, file).Replace('\\', '/'));
                }
            }
        }

        return data;
    }

    public static TheoryData<string> FirmwareCsprojs()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Repository.PathOf("firmware"), "*.csproj", SearchOption.AllDirectories)
            .Where(NotBuildOutput).Order())
        {
            data.Add(Path.GetRelativePath(Repository.Root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NanoProjects))]
    public void TheNfprojCompilesEverySourceFileOfItsFolder(string nfproj)
    {
        string folder = Path.GetDirectoryName(Repository.PathOf(nfproj))!;
        string[] listed = Items(XDocument.Load(Repository.PathOf(nfproj)), "Compile").Select(Normalize).Order().ToArray();
        string[] onDisk = SourceFiles(folder);
        Assert.True(onDisk.SequenceEqual(listed),
            $"{nfproj}\n  not listed: {string.Join(", ", onDisk.Except(listed))}\n  listed but absent: {string.Join(", ", listed.Except(onDisk))}");
    }

    [Theory]
    [MemberData(nameof(NanoProjects))]
    public void TheLinuxCsprojBesideItCompilesTheSameFiles(string nfproj)
    {
        string folder = Path.GetDirectoryName(Repository.PathOf(nfproj))!;
        string[] csprojs = Directory.GetFiles(folder, "*.csproj");
        Assert.True(csprojs.Length > 0, $"{nfproj} has no .csproj beside it for the Linux build");
        string[] onDisk = SourceFiles(folder);
        foreach (string csproj in csprojs)
        {
            using JsonDocument items = MsBuild(csproj, "-getItem:Compile");
            string[] compiled = items.RootElement.GetProperty("Items").GetProperty("Compile").EnumerateArray()
                .Select(i => i.GetProperty("FullPath").GetString()!)
                .Where(p => p.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Select(p => Normalize(Path.GetRelativePath(folder, p))).Order().ToArray();
            Assert.True(onDisk.SequenceEqual(compiled),
                $"{Path.GetFileName(csproj)}\n  not compiled: {string.Join(", ", onDisk.Except(compiled))}\n  compiled but not in the .nfproj's folder list: {string.Join(", ", compiled.Except(onDisk))}");
        }
    }

    [Theory]
    [MemberData(nameof(NanoProjects))]
    public void PackagesArePinnedToTheStableLine(string nfproj)
    {
        string folder = Path.GetDirectoryName(Repository.PathOf(nfproj))!;
        string config = Path.Combine(folder, "packages.config");
        Assert.True(File.Exists(config), $"{nfproj} has no packages.config");
        var packages = XDocument.Load(config).Root!.Elements("package")
            .ToDictionary(p => (string)p.Attribute("id")!, p => ((string)p.Attribute("version")!, (string?)p.Attribute("targetFramework")));
        Assert.Contains("nanoFramework.CoreLibrary", packages.Keys);
        foreach (var (id, (version, framework)) in packages)
        {
            Assert.Equal("netnano1.0", framework);
            if (PinnedVersions.TryGetValue(id, out string? pinned))
            {
                Assert.True(pinned == version, $"{id} {version}: the stable line is {pinned}");
            }
        }

        // every package reference of the .nfproj comes from a listed package at its listed version
        foreach (string hint in XDocument.Load(Repository.PathOf(nfproj)).Descendants().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value))
        {
            Match m = Regex.Match(hint.Replace('\\', '/'), @"packages/([A-Za-z0-9.]+?)\.(\d+\.\d+\.\d+(?:-[\w.]+)?)/");
            Assert.True(m.Success, $"{nfproj}: HintPath {hint} is not under packages/<id>.<version>/");
            Assert.True(packages.TryGetValue(m.Groups[1].Value, out var listed) && listed.Item1 == m.Groups[2].Value,
                $"{nfproj}: HintPath {hint} names a package packages.config does not list at that version");
        }
    }

    [Theory]
    [MemberData(nameof(FirmwareCsprojs))]
    public void FirmwareProjectsGetTheSubsetAnalyzerUnlessHostOnly(string csproj)
    {
        string folder = csproj.Split('/')[1];
        // two properties, so that MSBuild answers in JSON
        using JsonDocument properties = MsBuild(Repository.PathOf(csproj), "-getProperty:NanoSubsetAnalyzer -getProperty:MSBuildProjectName");
        string value = properties.RootElement.GetProperty("Properties").GetProperty("NanoSubsetAnalyzer").GetString()!;
        Assert.Equal(HostOnlyFolders.Contains(folder) ? "false" : "true", value);
    }

    [Fact]
    public void TheDeviceTestsCheckTheSubsetToo()
    {
        string csproj = Repository.PathOf("tests/device/NFUnitTest.Linux.csproj");
        Assert.Contains("NanoSubset.Analyzers.csproj", File.ReadAllText(csproj));
    }

    private static IEnumerable<string> Items(XDocument project, string type) =>
        project.Descendants().Where(e => e.Name.LocalName == type).Select(e => (string)e.Attribute("Include")!);

    // .cs files under folder, except build output and folders that are projects of their own
    private static string[] SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(NotBuildOutput)
            .Where(f => !InNestedProject(folder, Path.GetDirectoryName(f)!))
            .Select(f => Normalize(Path.GetRelativePath(folder, f))).Order().ToArray();

    private static bool InNestedProject(string root, string dir)
    {
        for (; dir.Length > root.Length; dir = Path.GetDirectoryName(dir)!)
        {
            if (Directory.EnumerateFiles(dir, "*.*proj").Any(p => p.EndsWith(".csproj") || p.EndsWith(".nfproj")))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NotBuildOutput(string path)
    {
        string[] parts = Path.GetRelativePath(Repository.Root, path).Split(Path.DirectorySeparatorChar);
        return !parts.Any(p => p is "bin" or "obj" or "build" or "packages");
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    private static JsonDocument MsBuild(string project, string query)
    {
        var start = new ProcessStartInfo("dotnet", $"msbuild \"{project}\" {query} -nologo")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet msbuild {Path.GetFileName(project)} {query} failed:\n{output}\n{error}");
        return JsonDocument.Parse(output);
    }
}

namespace TinyMlDevice.Core.Tests;

/// <summary>Paths of the repository the tests were built in and of ../shared beside it.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>The first folder above the test assembly that holds nf.config and firmware/.</summary>
    public static string Root => RootFolder.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The shared folder ($TML_SHARED_DIR, else ../shared beside the repository).</summary>
    public static string SharedFolder
    {
        get
        {
            string? variable = Environment.GetEnvironmentVariable("TML_SHARED_DIR");
            return !string.IsNullOrEmpty(variable) ? Path.GetFullPath(variable) : Path.GetFullPath(Path.Combine(Root, "..", "shared"));
        }
    }

    /// <summary>A file of ../shared/conformance, or the test is skipped with the reason.</summary>
    public static string Conformance(string relative)
    {
        string path = Path.Combine(SharedFolder, "conformance", relative);
        if (!File.Exists(path))
        {
            Assert.Skip($"{path} not found: the conformance material lives in ../shared beside the repository " +
                "(TML_SHARED_DIR may name another shared folder)");
        }

        return path;
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nf.config")) && Directory.Exists(Path.Combine(dir.FullName, "firmware")))
            {
                return dir.FullName;
            }
        }

        // built elsewhere (ArtifactsPath): the source tree this file was compiled from
        string here = Path.GetDirectoryName(SourceFile())!;
        return Path.GetFullPath(Path.Combine(here, "..", "..", ".."));
    }

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}

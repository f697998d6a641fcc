using System.Runtime.CompilerServices;

namespace TinyMlDevice.Tests.Fakes;

/// <summary>Paths in the repository (the tests read its real project files, nf.config and resx).</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    // the source file's own location: true wherever the build puts its output
    private static string FindRoot([CallerFilePath] string source = "")
    {
        for (DirectoryInfo? dir = new FileInfo(source).Directory; dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "nf.config")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (nf.config) not found above " + source);
    }
}

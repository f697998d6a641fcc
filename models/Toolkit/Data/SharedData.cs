namespace TinyMl.Toolkit.Data;

/// <summary>Finds the third-party data folder (shared/ beside the repository) that corpora may draw on.</summary>
public static class SharedData
{
    /// <summary>
    /// <paramref name="explicitPath"/> when given; else TML_SHARED_DIR; else the first "shared" folder holding data/ beside
    /// the current directory or one of its parents (then the same from the program's folder); null when none exists.
    /// </summary>
    public static string? Locate(string? explicitPath = null)
    {
        if (!string.IsNullOrEmpty(explicitPath)) return Directory.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        var variable = Environment.GetEnvironmentVariable("TML_SHARED_DIR");
        if (!string.IsNullOrEmpty(variable)) return Directory.Exists(variable) ? Path.GetFullPath(variable) : null;
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared");
                if (Directory.Exists(Path.Combine(candidate, "data"))) return candidate;
            }
        return null;
    }
}

using TinyMl.Native;

namespace TinyMl.Host.Tests;

// Where the binding looks for libtinyml: $TINYML_NATIVE_LIB, the app's folder, then build/lib above it.
public sealed class EngineLibraryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tinyml-locate-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void FindsBuildLibInAFolderAboveTheApp()
    {
        string library = Touch("repo", "build", "lib", EngineLibrary.FileName);
        string app = Folder("repo", "tests", "bin", "debug");
        Assert.Equal(library, EngineLibrary.Locate(app, null));
    }

    [Fact]
    public void PrefersTheLibraryBesideTheApp()
    {
        Touch("repo", "build", "lib", EngineLibrary.FileName);
        string beside = Touch("repo", "app", EngineLibrary.FileName);
        Assert.Equal(beside, EngineLibrary.Locate(Path.Combine(_root, "repo", "app"), null));
    }

    [Fact]
    public void EnvironmentVariableComesFirst()
    {
        Touch("repo", "app", EngineLibrary.FileName);
        string chosen = Touch("elsewhere", "custom.so");
        Assert.Equal(chosen, EngineLibrary.Locate(Path.Combine(_root, "repo", "app"), chosen));
    }

    [Fact]
    public void EnvironmentVariableNamingAMissingFileThrowsDllNotFound()
    {
        string missing = Path.Combine(_root, "missing.so");
        var error = Assert.Throws<DllNotFoundException>(() => EngineLibrary.Locate(Folder("app"), missing));
        Assert.Contains(EngineLibrary.PathVariable, error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void MissingLibraryThrowsDllNotFoundNamingWhereItLooked()
    {
        string app = Folder("app", "bin");
        var error = Assert.Throws<DllNotFoundException>(() => EngineLibrary.Locate(app, null));
        Assert.Contains(EngineLibrary.PathVariable, error.Message);
        Assert.Contains(Path.Combine(app, EngineLibrary.FileName), error.Message);
        Assert.Contains(Path.Combine("build", "lib", EngineLibrary.FileName), error.Message);
    }

    private string Folder(params string[] parts)
    {
        string path = Path.Combine([_root, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    private string Touch(params string[] parts)
    {
        string path = Path.Combine([_root, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
        return path;
    }
}

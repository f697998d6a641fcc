using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace TinyMl.Native;

// Finds the engine's host library: $TINYML_NATIVE_LIB, then the app's own folder, then build/lib of the
// repository the app was built in (walking up from the app's folder).
internal static class EngineLibrary
{
    internal const string Name = "tinyml";
    internal const string PathVariable = "TINYML_NATIVE_LIB";

    private static readonly Lazy<IntPtr> Handle = new(() => NativeLibrary.Load(Locate(AppContext.BaseDirectory,
        Environment.GetEnvironmentVariable(PathVariable))));

    internal static string FileName =>
        OperatingSystem.IsWindows() ? "tinyml.dll" : OperatingSystem.IsMacOS() ? "libtinyml.dylib" : "libtinyml.so";

    internal static void RegisterResolver() =>
        NativeLibrary.SetDllImportResolver(typeof(EngineLibrary).Assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == Name ? Handle.Value : IntPtr.Zero;

    /// <summary>The library's path, or DllNotFoundException naming every place looked at.</summary>
    internal static string Locate(string baseDirectory, string? variable)
    {
        if (!string.IsNullOrEmpty(variable))
        {
            return File.Exists(variable)
                ? variable
                : throw new DllNotFoundException(
                    $"{PathVariable} is '{variable}', which does not exist: point it at the engine's {FileName}.");
        }

        string beside = Path.Combine(baseDirectory, FileName);
        if (File.Exists(beside))
        {
            return beside;
        }

        string inBuild = Path.Combine("build", "lib", FileName);
        for (DirectoryInfo? dir = new(baseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, inBuild);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DllNotFoundException(
            $"The TinyMl engine ({FileName}) was not found. Looked at: ${PathVariable} (not set); {beside}; " +
            $"{inBuild} in {baseDirectory} and each folder above it. Build it with " +
            "'cmake -S . -B build -G Ninja && cmake --build build' at the repository root, or set " +
            $"{PathVariable} to its full path.");
    }
}

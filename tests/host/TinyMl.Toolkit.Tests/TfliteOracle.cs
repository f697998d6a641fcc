using System.Diagnostics;

namespace TinyMl.Toolkit.Tests;

/// <summary>
/// Real TFLite (npm @tensorflow/tfjs-tflite, wasm) run by tests/host/tflite-oracle/run.js under Node. Available when
/// `node` is on the PATH and the harness's packages are installed (test.sh runs npm there before the .NET tests).
/// </summary>
internal static class TfliteOracle
{
    public static string Folder => Path.Combine(SharedFolders.RepoRoot, "tests", "host", "tflite-oracle");

    /// <summary>Null when the oracle can run, else why not.</summary>
    public static string? Unavailable()
    {
        if (FindOnPath("node") is null) return "node is not installed (the TFLite oracle runs under Node)";
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "@tensorflow", "tfjs-tflite")))
            return $"the oracle's npm packages are not installed: run `npm ci` in {Folder}";
        return null;
    }

    /// <summary>Runs the model on every input record (raw bytes of the one input); returns the raw output records.</summary>
    public static List<byte[]> Run(byte[] tflite, IReadOnlyList<byte[]> inputs, out string description)
    {
        var dir = Directory.CreateTempSubdirectory("tflite-oracle-");
        try
        {
            var model = Path.Combine(dir.FullName, "model.tflite");
            var input = Path.Combine(dir.FullName, "in.bin");
            var output = Path.Combine(dir.FullName, "out.bin");
            File.WriteAllBytes(model, tflite);
            File.WriteAllBytes(input, inputs.SelectMany(b => b).ToArray());
            var start = new ProcessStartInfo("node", [Path.Combine(Folder, "run.js"), model, input, output])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Folder,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the TFLite oracle did not finish within 2 minutes");
            }
            description = stdout.Result.Trim();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"the TFLite oracle failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
            var bytes = File.ReadAllBytes(output);
            var record = bytes.Length / inputs.Count;
            return Enumerable.Range(0, inputs.Count).Select(i => bytes[(i * record)..((i + 1) * record)]).ToList();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}

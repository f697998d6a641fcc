using System.Text.Json;

namespace TinyMl.Host.Tests;

// The third-party models and gold pairs in ../shared/conformance (beside the repository; TML_SHARED_DIR
// overrides). Tests that need them skip, saying why, when the folder is absent.
internal static class Conformance
{
    public const string Absent = "(conformance folder absent)";

    private static readonly Lazy<string?> Folder = new(Find);
    private static readonly Lazy<JsonElement> Manifest = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Require(), "vectors", "manifest.json"))).RootElement);

    /// <summary>Every model named in manifest.json (without .tflite), or one placeholder when absent.</summary>
    public static TheoryData<string> Models()
    {
        var models = new TheoryData<string>();
        if (Folder.Value is null)
        {
            models.Add(Absent);
            return models;
        }

        foreach (JsonProperty entry in Manifest.Value.EnumerateObject())
        {
            models.Add(Path.GetFileNameWithoutExtension(entry.Name));
        }

        return models;
    }

    /// <summary>The conformance folder, or the test is skipped.</summary>
    public static string Require()
    {
        if (Folder.Value is null)
        {
            Assert.Skip($"conformance models not checked: {SharedDirectory()}/conformance/vectors/manifest.json " +
                "not found (a clone without ../shared beside it; TML_SHARED_DIR may name the shared folder)");
        }

        return Folder.Value;
    }

    public static byte[] ModelBytes(string model) => File.ReadAllBytes(Path.Combine(Require(), "models", model + ".tflite"));

    public static Model Load(string model) => new(ModelBytes(model));

    /// <summary>input_k.bin: the raw bytes of every input in order.</summary>
    public static byte[] GoldInput(string model, int k) => Vector(model, $"input_{k}.bin");

    /// <summary>output_k.bin: the raw bytes of every output in order.</summary>
    public static byte[] GoldOutput(string model, int k) => Vector(model, $"output_{k}.bin");

    public static JsonElement Entry(string model) => Manifest.Value.GetProperty(model + ".tflite");

    /// <summary>Splits raw bytes over the inputs in order, invokes, and returns the outputs' raw bytes in order.</summary>
    public static byte[] Run(Interpreter interpreter, byte[] inputs)
    {
        SetInputs(interpreter, inputs);
        interpreter.Invoke();
        return Outputs(interpreter);
    }

    public static void SetInputs(Interpreter interpreter, byte[] inputs)
    {
        int position = 0;
        for (int i = 0; i < interpreter.Model.InputCount; i++)
        {
            int bytes = interpreter.Model.Input(i).Bytes;
            Assert.True(position + bytes <= inputs.Length, $"gold input too short for input {i}");
            interpreter.SetInput(i, inputs[position..(position + bytes)]);
            position += bytes;
        }

        Assert.Equal(inputs.Length, position);
    }

    public static byte[] Outputs(Interpreter interpreter)
    {
        var outputs = new List<byte>();
        for (int i = 0; i < interpreter.Model.OutputCount; i++)
        {
            byte[] bytes = new byte[interpreter.Model.Output(i).Bytes];
            interpreter.GetOutput(i, bytes);
            outputs.AddRange(bytes);
        }

        return outputs.ToArray();
    }

    private static byte[] Vector(string model, string file) => File.ReadAllBytes(Path.Combine(Require(), "vectors", model, file));

    private static string? Find()
    {
        string folder = Path.Combine(SharedDirectory(), "conformance");
        return File.Exists(Path.Combine(folder, "vectors", "manifest.json")) ? folder : null;
    }

    private static string SharedDirectory()
    {
        string? variable = Environment.GetEnvironmentVariable("TML_SHARED_DIR");
        if (!string.IsNullOrEmpty(variable))
        {
            return Path.GetFullPath(variable);
        }

        string? root = RepositoryRoot();
        return root is null ? "../shared" : Path.GetFullPath(Path.Combine(root, "..", "shared"));
    }

    // The first folder above the test assembly that holds native-interop/ (the engine's sources, not the
    // CMake build tree's folder of the same name).
    private static string? RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "native-interop", "include", "tinyml", "tinyml.h")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}

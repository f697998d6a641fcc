using System.CommandLine;
using TinyMlDevice.Core;

namespace TinyMl.Toolkit.Cli;

/// <summary>
/// <c>tinyml package</c>: an int8 .tflite → a signed model update (.tmu) for one device: the 80-byte update header of
/// docs/ble-protocol.md (target, version, size, SHA-256, HMAC-SHA-256 tag under the device's key) followed by the model,
/// written by the firmware core's own UpdateManifest, the class the device verifies it with.
/// </summary>
public sealed class PackageVerbs : ICliVerbs
{
    public IEnumerable<Command> Commands()
    {
        var model = new Option<string>("--model") { Description = "Int8 model to ship (.tflite)", Required = true };
        var key = new Option<string>("--key") { Description = "The device's [ble] auth_key: 64 hex digits", Required = true };
        var output = new Option<string>("--out") { Description = "Update bundle to write (.tmu)", Required = true };
        var target = new Option<string>("--target") { Description = "Which model it replaces: kws or vibration", DefaultValueFactory = _ => "kws" };
        target.AcceptOnlyFromAmong("kws", "vibration");
        var version = new Option<uint>("--version") { Description = "Model version, above the one installed on the device (the built-in model is 0)", DefaultValueFactory = _ => 1u };
        var command = new Command("package", "Sign a model for an over-the-air update of one device (ModelUpdate, docs/ble-protocol.md)")
        {
            model, key, output, target, version,
        };
        command.SetAction(parse => CliJob.Guarded(() =>
        {
            var path = parse.GetValue(model)!;
            var bytes = File.ReadAllBytes(path);
            using (new TinyMl.Model(bytes)) { } // the engine must take it, as the device will check again before the swap
            var modelVersion = parse.GetValue(version);
            if (modelVersion == 0) throw new ArgumentException("--version must be at least 1 (0 is the model built into the image)");
            var updateTarget = parse.GetValue(target) == "vibration" ? UpdateTarget.Vibration : UpdateTarget.Kws;
            var bundle = UpdateManifest.Package(bytes, updateTarget, modelVersion, ParseKey(parse.GetValue(key)!));
            var outPath = parse.GetValue(output)!;
            File.WriteAllBytes(outPath, bundle);
            var manifest = UpdateManifest.Decode(bundle, 0);
            Console.WriteLine($"target={parse.GetValue(target)} version={modelVersion} size={manifest.Size} " +
                              $"sha256={Convert.ToHexStringLower(manifest.Digest)} out={outPath}");
            return 0;
        }));
        yield return command;
    }

    /// <summary>The key as nf.config holds it; the message never repeats it.</summary>
    internal static byte[] ParseKey(string hex)
    {
        hex = hex.Trim();
        if (hex.Length != 2 * BleSettings.AuthKeyBytes || !hex.All(Uri.IsHexDigit))
        {
            throw new ArgumentException($"--key must be {2 * BleSettings.AuthKeyBytes} hex digits ({BleSettings.AuthKeyBytes} bytes), " +
                                        "the device's [ble] auth_key");
        }

        return Convert.FromHexString(hex);
    }
}

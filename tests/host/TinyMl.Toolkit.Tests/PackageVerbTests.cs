using TinyMl.Toolkit.Cli;
using TinyMlDevice.Core;

namespace TinyMl.Toolkit.Tests;

// `tinyml package` end to end: the bundle it writes installs on a device through the ModelUpdate protocol under the
// same key, and is refused under another; bad input never echoes the key.
public class PackageVerbTests
{
    private const string KeyHex = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf";
    private static readonly string Shared = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../shared"));
    private static string HelloWorld => FindModel("hello_world_int8.tflite");

    private static string FindModel(string name)
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "shared", "conformance", "models", name);
            if (File.Exists(candidate)) return candidate;
        }

        return Path.Combine(Shared, "conformance", "models", name);
    }

    private sealed class NoSensors : IReportSink, IClock, IStateStore, IModelSource
    {
        public bool Connected => true;
        public long Milliseconds { get; set; }
        public void Publish(ReportChannel channel, byte[] payload) { }
        public void Save(string name, byte[] data) { }
        public byte[] Load(string name) => null!;
        public void Delete(string name) { }
    }

    private static DeviceApp Device(RamModelStore store, string keyHex)
    {
        NoSensors ports = new();
        DeviceApp app = new(null!, null!, ports, ports, ports, ports, store, 1);
        Assert.Equal(ConfigApplyResult.Applied, app.ApplyConfig("[kws]\nenabled = false\n[vibration]\nenabled = false\n[ble]\nauth_key = " + keyHex + "\n"));
        return app;
    }

    private static CommandResult Install(DeviceApp app, byte[] bundle, int chunk)
    {
        UpdateManifest manifest = UpdateManifest.Decode(bundle, 0);
        CommandResult begin = UpdateCodec.DecodeResponse(app.ReceiveModelUpdate(UpdateCodec.EncodeBegin(manifest))).Result;
        if (begin != CommandResult.Ok) return begin;
        byte[] model = bundle[UpdateManifest.Length..];
        for (int at = 0; at < model.Length; at += chunk)
        {
            CommandResult r = UpdateCodec.DecodeResponse(app.ReceiveModelUpdate(UpdateCodec.EncodeChunk(model, at, Math.Min(chunk, model.Length - at)))).Result;
            if (r != CommandResult.Ok) return r;
        }

        return UpdateCodec.DecodeResponse(app.ReceiveModelUpdate(UpdateCodec.Encode(UpdateOpcode.Commit))).Result;
    }

    [Fact]
    public void A_packaged_model_installs_on_the_device_with_that_key_and_on_no_other()
    {
        Assert.SkipUnless(File.Exists(HelloWorld), "needs ../shared/conformance beside the repository");
        string output = Path.Combine(Path.GetTempPath(), $"package-{Guid.NewGuid():N}.tmu");
        try
        {
            var (code, stdout, stderr) = TinymlProcess.Run("package", "--model", HelloWorld, "--key", KeyHex, "--out", output, "--version", "3");
            Assert.True(code == 0, stderr);
            Assert.DoesNotContain(KeyHex, stdout + stderr);
            byte[] bundle = File.ReadAllBytes(output);
            byte[] model = File.ReadAllBytes(HelloWorld);
            UpdateManifest manifest = UpdateManifest.Decode(bundle, 0);
            Assert.Equal((UpdateTarget.Kws, 3u, model.Length), (manifest.Target, manifest.ModelVersion, manifest.Size));
            Assert.Contains($"sha256={Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model))}", stdout);

            RamModelStore store = new(64 * 1024);
            using DeviceApp device = Device(store, KeyHex);
            Assert.Equal(CommandResult.Ok, Install(device, bundle, BleProtocol.ChunkDataBytes(247)));
            Assert.Equal(model, store.Current("kws"));
            Assert.Equal(3u, device.Info(-1, -1).KwsModelVersion);

            RamModelStore otherStore = new(64 * 1024);
            using DeviceApp other = Device(otherStore, "0f" + KeyHex[2..]);
            Assert.Equal(CommandResult.BadTag, Install(other, bundle, 100));
            Assert.Null(otherStore.Current("kws"));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void A_file_that_is_no_model_is_not_packaged()
    {
        string input = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.tflite");
        File.WriteAllBytes(input, new byte[64]);
        try
        {
            var (code, _, stderr) = TinymlProcess.Run("package", "--model", input, "--key", KeyHex, "--out", input + ".tmu");
            Assert.Equal(1, code);
            Assert.StartsWith("error:", stderr.Trim());
            Assert.False(File.Exists(input + ".tmu"));
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Fact]
    public void A_malformed_key_is_refused_without_being_repeated()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => PackageVerbs.ParseKey("deadbeef"));
        Assert.DoesNotContain("deadbeef", e.Message);
        Assert.Throws<ArgumentException>(() => PackageVerbs.ParseKey(new string('g', 64)));
        Assert.Equal(32, PackageVerbs.ParseKey(KeyHex).Length);
    }
}

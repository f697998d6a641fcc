using TinyMlDevice.Core.Tests.Fakes;

namespace TinyMlDevice.Core.Tests;

/// <summary>
/// A DeviceApp with a model store, a key and a control session, over fake ports (an IMU, so the vibration pipeline runs
/// and an autoencoder update is swapped into it), and a client that speaks the ModelUpdate and Control protocols.
/// </summary>
internal sealed class UpdateRig : IDisposable
{
    public const string KeyHex = "8f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0";
    public static readonly byte[] Key = Convert.FromHexString(KeyHex);
    public const uint Session = 0x5EED1234;

    /// <summary>Features of the test IMU's windows: 3 axes × (4 + 8 bands), the autoencoder's width.</summary>
    public const int Features = 36;

    public UpdateRig(RamModelStore? store = null, string? key = KeyHex, FakeClock? clock = null)
    {
        Clock = clock ?? new FakeClock();
        Store = store ?? new RamModelStore(64 * 1024);
        Imu = new ScriptedMotion(Clock, 1000, 3, Signals.FullScaleG, Signals.Normal);
        App = new DeviceApp(null!, Imu, Sink, Clock, new MemoryStateStore(), new MemoryModelSource(), Store, Session);
        string config = Configs.Join(Configs.NoKws, Configs.SmallVibration) + (key == null ? "" : "\n[ble]\nauth_key = " + key + "\n");
        Assert.Equal(ConfigApplyResult.Applied, App.ApplyConfig(config));
    }

    public FakeClock Clock { get; }

    public RamModelStore Store { get; }

    public ScriptedMotion Imu { get; }

    public RecordingSink Sink { get; } = new();

    public DeviceApp App { get; }

    /// <summary>A valid autoencoder for the test pipeline; the scale makes versions differ byte for byte.</summary>
    public static byte[] Autoencoder(float scale) => TinyTflite.Requantize(Features, scale, scale);

    public UpdateResponse Send(byte[] message) => UpdateCodec.DecodeResponse(App.ReceiveModelUpdate(message));

    public UpdateResponse Begin(byte[] model, uint version, byte[]? key = null, UpdateTarget target = UpdateTarget.Vibration) =>
        Send(UpdateCodec.EncodeBegin(UpdateManifest.Sign(model, target, version, key ?? Key)));

    public UpdateResponse Chunk(byte[] model, int offset, int count) => Send(UpdateCodec.EncodeChunk(model, offset, count));

    public UpdateResponse Commit() => Send(UpdateCodec.Encode(UpdateOpcode.Commit));

    /// <summary>Every chunk of chunkBytes, then Commit; asserts each chunk is taken.</summary>
    public UpdateResponse SendAll(byte[] model, int chunkBytes)
    {
        for (int at = 0; at < model.Length; at += chunkBytes)
        {
            UpdateResponse r = Chunk(model, at, Math.Min(chunkBytes, model.Length - at));
            Assert.Equal(CommandResult.Ok, r.Result);
        }

        return Commit();
    }

    /// <summary>Installs model as version through the whole protocol.</summary>
    public void Install(byte[] model, uint version)
    {
        Assert.Equal(CommandResult.Ok, Begin(model, version).Result);
        Assert.Equal(CommandResult.Ok, SendAll(model, 64).Result);
    }

    public ControlResponse Control(ControlCommand command, byte[]? key = null) =>
        ControlCodec.DecodeResponse(App.ReceiveControl(ControlCodec.Encode(command, key ?? Key)));

    public void Dispose() => App.Dispose();
}

using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using TinyMlDevice.Core;
using TinyMlDevice.Facades.Backends;
using TinyMlDevice.Imu;
using TinyMlDevice.Tests.Fakes;

namespace TinyMlDevice.Tests;

// The whole device over the fakes: embedded config, pins, IMU, microphone, BLE, and the core's DeviceApp running on the
// native engine (build/lib/libtinyml.so or $TINYML_NATIVE_LIB).
public class DeviceBootTests
{
    private static readonly string MicroSpeech = Path.GetFullPath(Repo.Path("../shared/conformance/models/micro_speech_quantized.tflite"));

    private static GattLocalCharacteristic Characteristic(string uuid) => BluetoothBackend.FindCharacteristic(new Guid(uuid));

    [Fact]
    public void Boot_brings_up_every_peripheral_from_the_embedded_nf_config()
    {
        using Rig rig = new();
        rig.Bus.Attach(0x68, new Mpu6050Fake(rig.Clock));

        Device device = Device.Boot(rig.Clock);

        Assert.Equal(5, rig.PinFunctions.Functions.Count);
        Assert.Equal("TinyMlDevice", rig.Radio.ServerName);
        Assert.IsType<Mpu6050Fifo>(device.Imu);
        Assert.True(device.Microphone!.Running);
        Assert.NotNull(device.App.Config);
    }

    [Fact]
    public void A_missing_IMU_leaves_vibration_off_and_the_core_reports_it()
    {
        using Rig rig = new();

        Device device = Device.Boot(rig.Clock);
        StatusReport status = ReportCodec.DecodeStatus(BluetoothBackend.Read(Characteristic(BleProtocol.StatusUuid)).Value!);

        Assert.Null(device.Imu);
        Assert.True(status.VibrationEnabled);
        Assert.False(status.VibrationRunning);
        Assert.True(status.Faults > 0);
    }

    [Fact]
    public void The_device_runs_keyword_spotting_and_vibration_without_losing_sensor_data()
    {
        Assert.SkipUnless(File.Exists(MicroSpeech), "needs ../shared/conformance beside the repository");
        using Rig rig = new();
        Mpu6050Fake sensor = new(rig.Clock);
        rig.Bus.Attach(0x68, sensor);
        rig.Resources.Override("KwsModel", File.ReadAllBytes(MicroSpeech));
        rig.Resources.Override("NfConfig", System.Text.Encoding.UTF8.GetBytes(
            "[kws]\nmodel = models/kws/kws.tflite\nlabels = _silence_,_unknown_,yes,no\n" +
            "[vibration]\nwindow_samples = 256\nlearn_normal_s = 10\n"));

        Device device = Device.Boot(rig.Clock);
        Assert.NotNull(device.App.Kws);
        Assert.NotNull(device.App.Vibration);
        while (rig.Clock.Milliseconds < 3000)
        {
            if (!device.RunOnce())
            {
                rig.Clock.Advance(5);
            }
        }

        Assert.True(device.App.Kws!.Inferences > 10, "inferences " + device.App.Kws.Inferences);
        Assert.InRange(sensor.FifoBytes, 0, 600); // the FIFO is drained as it fills: no overflow
        Assert.Equal(0, rig.I2s.FramesLost);
        Assert.False(device.Imu!.Faulted);
    }
}

using System.Text;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using TinyMlDevice.Ble;
using TinyMlDevice.Core;
using TinyMlDevice.Facades.Backends;
using TinyMlDevice.Tests.Fakes;

namespace TinyMlDevice.Tests;

// Control and ModelUpdate through the device as a client sees it: writes to the characteristics, responses as
// notifications on them, DeviceInfo as a read; the link requirement; and nothing but reports leaving the device.
public class BleSecurityTests
{
    private const string KeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static readonly byte[] Key = Convert.FromHexString(KeyHex);

    private static GattLocalCharacteristic Characteristic(string uuid) => BluetoothBackend.FindCharacteristic(new Guid(uuid));

    private static Device Boot(Rig rig)
    {
        rig.Resources.Override("NfConfig", Encoding.UTF8.GetBytes("[ble]\nauth_key = " + KeyHex + "\n"));
        Device device = Device.Boot(rig.Clock);
        BluetoothBackend.Subscribe(Characteristic(BleProtocol.ControlUuid), 1, true);
        BluetoothBackend.Subscribe(Characteristic(BleProtocol.ModelUpdateUuid), 1, true);
        return device;
    }

    private static byte[] LastNotification(Rig rig, string uuid) =>
        rig.Radio.Notifications.Last(n => n.Characteristic == new Guid(uuid)).Value;

    [Fact]
    public void Control_and_ModelUpdate_writes_need_an_encrypted_authenticated_link()
    {
        Assert.Equal(GattProtectionLevel.EncryptionAndAuthenticationRequired, Device.WriteProtection);
    }

    [Fact]
    public void A_signed_command_written_over_BLE_is_answered_by_a_notification_and_a_replay_is_refused()
    {
        using Rig rig = new();
        Device device = Boot(rig);

        Assert.True(BluetoothBackend.Write(Characteristic(BleProtocol.ControlUuid), ControlCodec.EncodeHello()).Succeeded);
        device.RunOnce();
        ControlResponse hello = ControlCodec.DecodeResponse(LastNotification(rig, BleProtocol.ControlUuid));
        ControlCommand command = new(ControlOpcode.SetKwsThreshold, hello.Session, hello.Counter + 1) { Threshold = 0.6f };
        byte[] signed = ControlCodec.Encode(command, Key);

        BluetoothBackend.Write(Characteristic(BleProtocol.ControlUuid), signed);
        device.RunOnce();
        ControlResponse first = ControlCodec.DecodeResponse(LastNotification(rig, BleProtocol.ControlUuid));
        BluetoothBackend.Write(Characteristic(BleProtocol.ControlUuid), signed);
        device.RunOnce();
        ControlResponse replay = ControlCodec.DecodeResponse(LastNotification(rig, BleProtocol.ControlUuid));

        Assert.Equal(CommandResult.Ok, first.Result);
        Assert.Equal(CommandResult.Replayed, replay.Result);
        Assert.Equal(device.App.ControlSession, hello.Session);
    }

    [Fact]
    public void A_query_written_to_ModelUpdate_is_answered_with_the_update_state()
    {
        using Rig rig = new();
        Device device = Boot(rig);

        BluetoothBackend.Write(Characteristic(BleProtocol.ModelUpdateUuid), UpdateCodec.Encode(UpdateOpcode.Query));
        device.RunOnce();
        UpdateResponse r = UpdateCodec.DecodeResponse(LastNotification(rig, BleProtocol.ModelUpdateUuid));

        Assert.Equal(CommandResult.Ok, r.Result);
        Assert.False(r.Receiving);
        Assert.Equal(UpdateCodec.MaxChunkData, r.MaxChunkData);
    }

    [Fact]
    public void DeviceInfo_reads_give_versions_and_the_key_state_never_the_key()
    {
        using Rig rig = new();
        Boot(rig);

        byte[] payload = BluetoothBackend.Read(Characteristic(BleProtocol.DeviceInfoUuid)).Value!;
        DeviceInfo info = ReportCodec.DecodeDeviceInfo(payload);

        Assert.True(info.KeySet);
        Assert.Equal(DeviceApp.FirmwareMajor, info.FirmwareMajor);
        Assert.Equal(0u, info.KwsModelVersion);
        Assert.False(Contains(payload, Key.AsSpan(0, 4).ToArray()));
    }

    [Fact]
    public void Nothing_the_device_sends_carries_raw_samples_or_the_key()
    {
        using Rig rig = new();
        rig.Bus.Attach(0x68, new Mpu6050Fake(rig.Clock));
        Device device = Boot(rig);
        foreach (GattLocalCharacteristic c in BluetoothBackend.Providers.Single().Service.Characteristics)
        {
            BluetoothBackend.Subscribe(c, 2, true);
        }

        for (int i = 0; i < 300; i++)
        {
            rig.Clock.Advance(20);
            device.RunOnce();
        }

        // every notification is one of the protocol's payloads, each far shorter than a window of samples
        Assert.All(rig.Radio.Notifications, n => Assert.True(n.Value.Length <= ReportCodec.FaultHeaderLength + FaultReport.MaxReasonLength));
        Assert.All(rig.Radio.Notifications, n => Assert.False(Contains(n.Value, Key.AsSpan(0, 4).ToArray())));
        Assert.Equal(7, BluetoothBackend.Providers.Single().Service.Characteristics.Length);
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return true;
            }
        }

        return false;
    }
}

using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using TinyMlDevice.Ble;
using TinyMlDevice.Core;
using TinyMlDevice.Facades.Backends;
using TinyMlDevice.Tests.Fakes;

namespace TinyMlDevice.Tests;

// The GATT server adapter: BleProtocol's layout, reports as notifications, writes queued for the core.
public class BleGattServerTests
{
    private static BleGattServer Started(Rig rig, string name = "TinyMlDevice")
    {
        BleGattServer server = new(name, GattProtectionLevel.EncryptionAndAuthenticationRequired);
        server.Start();
        return server;
    }

    private static GattLocalCharacteristic Characteristic(string uuid) => BluetoothBackend.FindCharacteristic(new Guid(uuid));

    [Fact]
    public void Start_advertises_the_protocols_service_under_the_configured_name()
    {
        using Rig rig = new();
        Started(rig, "Pump-7");

        Assert.Equal("Pump-7", rig.Radio.ServerName);
        Assert.Equal(new[] { (new Guid(BleProtocol.ServiceUuid), true, true) }, rig.Radio.Advertising);
    }

    [Fact]
    public void Each_report_channel_has_a_notify_characteristic_Status_is_also_readable()
    {
        using Rig rig = new();
        Started(rig);

        GattLocalCharacteristic[] all = BluetoothBackend.Providers.Single().Service.Characteristics;
        Assert.Equal(7, all.Length);
        foreach (ReportChannel channel in new[] { ReportChannel.KeywordEvent, ReportChannel.AnomalyReport, ReportChannel.Fault })
        {
            Assert.Equal(GattCharacteristicProperties.Notify, Characteristic(BleProtocol.CharacteristicUuid(channel)).CharacteristicProperties);
        }

        Assert.Equal(GattCharacteristicProperties.Read | GattCharacteristicProperties.Notify,
            Characteristic(BleProtocol.StatusUuid).CharacteristicProperties);
        Assert.Equal(GattCharacteristicProperties.Write | GattCharacteristicProperties.Notify,
            Characteristic(BleProtocol.ControlUuid).CharacteristicProperties);
        Assert.Equal(GattCharacteristicProperties.Write | GattCharacteristicProperties.Notify,
            Characteristic(BleProtocol.ModelUpdateUuid).CharacteristicProperties);
        Assert.Equal(GattCharacteristicProperties.Read, Characteristic(BleProtocol.DeviceInfoUuid).CharacteristicProperties);
    }

    [Fact]
    public void A_report_is_notified_on_its_channels_characteristic_to_every_subscriber()
    {
        using Rig rig = new();
        BleGattServer server = Started(rig);
        GattLocalCharacteristic keyword = Characteristic(BleProtocol.KeywordEventUuid);
        BluetoothBackend.Subscribe(keyword, 1, true);
        BluetoothBackend.Subscribe(keyword, 2, true);
        byte[] payload = { 1, 2, 3, 4 };

        server.Publish(ReportChannel.KeywordEvent, payload);

        Assert.Equal(2, rig.Radio.Notifications.Count);
        Assert.All(rig.Radio.Notifications, n => Assert.Equal(keyword.Uuid, n.Characteristic));
        Assert.All(rig.Radio.Notifications, n => Assert.Equal(payload, n.Value));
        Assert.Equal(new[] { 1, 2 }, rig.Radio.Notifications.Select(n => n.Client));
    }

    [Fact]
    public void Without_subscribers_nothing_is_sent_and_a_Status_read_returns_the_last_Status_published()
    {
        using Rig rig = new();
        BleGattServer server = Started(rig);

        server.Publish(ReportChannel.Status, new byte[] { 9, 8 });
        server.Publish(ReportChannel.Status, new byte[] { 7, 6, 5 });
        GattAnswer answer = BluetoothBackend.Read(Characteristic(BleProtocol.StatusUuid));

        Assert.Empty(rig.Radio.Notifications);
        Assert.False(server.Connected);
        Assert.True(answer.Succeeded);
        Assert.Equal(new byte[] { 7, 6, 5 }, answer.Value);
    }

    [Fact]
    public void A_Status_read_asks_the_status_source_for_the_current_payload()
    {
        using Rig rig = new();
        BleGattServer server = Started(rig);
        server.Publish(ReportChannel.Status, new byte[] { 1 });
        server.StatusSource = () => new byte[] { 4, 2 };

        Assert.Equal(new byte[] { 4, 2 }, BluetoothBackend.Read(Characteristic(BleProtocol.StatusUuid)).Value);
    }

    [Fact]
    public void Notify_only_characteristics_refuse_reads()
    {
        using Rig rig = new();
        Started(rig);

        Assert.Equal(14, BluetoothBackend.Read(Characteristic(BleProtocol.FaultUuid)).ProtocolError);
    }

    [Fact]
    public void Connected_follows_subscriptions_to_the_report_characteristics()
    {
        using Rig rig = new();
        BleGattServer server = Started(rig);
        GattLocalCharacteristic anomaly = Characteristic(BleProtocol.AnomalyReportUuid);

        BluetoothBackend.Subscribe(anomaly, 5, true);
        Assert.True(server.Connected);
        BluetoothBackend.Subscribe(anomaly, 5, false);
        Assert.False(server.Connected);
    }

    [Fact]
    public void A_link_lost_under_a_notification_is_counted_not_thrown()
    {
        using Rig rig = new();
        BleGattServer server = Started(rig);
        BluetoothBackend.Subscribe(Characteristic(BleProtocol.FaultUuid), 1, true);
        rig.Radio.LinkLost = true;

        server.Publish(ReportChannel.Fault, new byte[] { 1 });

        Assert.Equal(1, server.NotificationsLost);
    }

    [Fact]
    public void Control_and_model_update_writes_reach_the_core_as_raw_bytes_in_order()
    {
        using Rig rig = new();
        BleGattServer server = Started(rig);
        GattLocalCharacteristic control = Characteristic(BleProtocol.ControlUuid);
        GattLocalCharacteristic update = Characteristic(BleProtocol.ModelUpdateUuid);

        Assert.True(BluetoothBackend.Write(control, new byte[] { 0x01, 0x02 }).Succeeded);
        Assert.True(BluetoothBackend.Write(update, new byte[] { 0xAA }).Succeeded);
        Assert.True(BluetoothBackend.Write(control, new byte[] { 0x03 }).Succeeded);

        Assert.Equal(new byte[] { 0x01, 0x02 }, server.TakeControlWrite());
        Assert.Equal(new byte[] { 0x03 }, server.TakeControlWrite());
        Assert.Null(server.TakeControlWrite());
        Assert.Equal(new byte[] { 0xAA }, server.TakeModelUpdateWrite());
        Assert.Null(server.TakeModelUpdateWrite());
    }

    [Fact]
    public void An_empty_write_is_refused_with_invalid_attribute_value_length()
    {
        using Rig rig = new();
        BleGattServer server = Started(rig);

        GattAnswer answer = BluetoothBackend.Write(Characteristic(BleProtocol.ControlUuid), Array.Empty<byte>());

        Assert.Equal(13, answer.ProtocolError);
        Assert.Null(server.TakeControlWrite());
    }

    [Fact]
    public void When_the_core_falls_behind_a_full_queue_refuses_writes_until_it_takes_one()
    {
        using Rig rig = new();
        BleGattServer server = Started(rig);
        GattLocalCharacteristic update = Characteristic(BleProtocol.ModelUpdateUuid);
        for (int i = 0; i < BleGattServer.ModelUpdateQueueCapacity; i++)
        {
            Assert.True(BluetoothBackend.Write(update, new[] { (byte)i }).Succeeded);
        }

        Assert.Equal(14, BluetoothBackend.Write(update, new byte[] { 0xFF }).ProtocolError);
        Assert.Equal(new byte[] { 0 }, server.TakeModelUpdateWrite());
        Assert.True(BluetoothBackend.Write(update, new byte[] { 0xFF }).Succeeded);
    }
}

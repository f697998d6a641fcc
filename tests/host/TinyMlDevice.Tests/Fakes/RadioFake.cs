using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using TinyMlDevice.Facades.Backends;

namespace TinyMlDevice.Tests.Fakes;

/// <summary>A radio that records what the GATT server sends; LinkLost makes every notification fail.</summary>
public sealed class RadioFake : IBluetoothRadio
{
    public string? ServerName { get; private set; }

    public List<(Guid Service, bool Connectable, bool Discoverable)> Advertising { get; } = new();

    public List<(Guid Characteristic, int Client, byte[] Value)> Notifications { get; } = new();

    public bool LinkLost { get; set; }

    public void StartServer(string deviceName) => ServerName = deviceName;

    public void StartAdvertising(GattServiceProvider provider, bool connectable, bool discoverable) =>
        Advertising.Add((provider.Service.Uuid, connectable, discoverable));

    public void StopAdvertising(GattServiceProvider provider)
    {
    }

    public bool Notify(GattLocalCharacteristic characteristic, int clientId, byte[] value)
    {
        if (LinkLost)
        {
            return false;
        }

        Notifications.Add((characteristic.Uuid, clientId, value));
        return true;
    }
}

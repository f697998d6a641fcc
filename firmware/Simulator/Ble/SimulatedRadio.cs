using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using TinyMlDevice.Core;
using TinyMlDevice.Facades.Backends;

namespace TinyMlDevice.Simulator.Ble;

/// <summary>
/// The radio under the firmware's GATT server, with one client (a phone) at the other end. The client connects as soon
/// as the device advertises, turns notifications on for every notify characteristic, and from then on every
/// notification is logged with its virtual time, characteristic and bytes. A scripted link loss drops the next
/// notification mid-air and disconnects (the client's subscriptions vanish, as the stack forgets them); the client
/// reconnects after a delay, subscribes again and reads Status. Scripted writes go to Control and ModelUpdate the way
/// the stack delivers them (the firmware answers; the answer is logged).
/// </summary>
public sealed class SimulatedRadio : IBluetoothRadio
{
    public const int ClientId = 1;

    private readonly VirtualClock _clock;
    private readonly List<BleLogEntry> _log = new();
    private bool _dropNextNotification;
    private long _reconnectAtUs = -1;

    public SimulatedRadio(VirtualClock clock)
    {
        _clock = clock;
    }

    public IReadOnlyList<BleLogEntry> Log => _log;

    public string? DeviceName { get; private set; }

    public bool Connected { get; private set; }

    public bool Advertising { get; private set; }

    public void StartServer(string deviceName) => DeviceName = deviceName;

    public void StartAdvertising(GattServiceProvider provider, bool connectable, bool discoverable)
    {
        Advertising = true;
        if (connectable && !Connected)
        {
            Connect("client connects");
        }
    }

    public void StopAdvertising(GattServiceProvider provider) => Advertising = false;

    public bool Notify(GattLocalCharacteristic characteristic, int clientId, byte[] value)
    {
        if (!Connected)
        {
            return false;
        }

        if (_dropNextNotification)
        {
            _dropNextNotification = false;
            _log.Add(new BleLogEntry(_clock.Microseconds, BleEventKind.NotifyFailed, characteristic.Uuid, value, "link lost mid-notification"));
            Disconnect("link lost");
            return false;
        }

        _log.Add(new BleLogEntry(_clock.Microseconds, BleEventKind.Notified, characteristic.Uuid, value, ""));
        return true;
    }

    /// <summary>The link drops during the next notification; the client comes back reconnectAfterMs later.</summary>
    public void LoseLinkDuringNextNotification(long reconnectAfterMs)
    {
        _dropNextNotification = true;
        _reconnectDelayUs = reconnectAfterMs * 1000;
    }

    private long _reconnectDelayUs = 5_000_000;

    /// <summary>The device restarts: the link drops; the client connects again once the new server advertises.</summary>
    public void Reboot()
    {
        if (Connected)
        {
            Connected = false;
            _log.Add(new BleLogEntry(_clock.Microseconds, BleEventKind.Disconnected, Guid.Empty, Array.Empty<byte>(), "device reboots"));
        }

        _reconnectAtUs = -1;
    }

    /// <summary>Called by the simulation between main-loop rounds: reconnects when due.</summary>
    public void Poll()
    {
        if (!Connected && _reconnectAtUs >= 0 && _clock.Microseconds >= _reconnectAtUs)
        {
            _reconnectAtUs = -1;
            Connect("client reconnects");
            Read(new Guid(BleProtocol.StatusUuid));
        }
    }

    /// <summary>The client reads a characteristic; logged with the value (or the protocol error) the firmware answered.</summary>
    public GattAnswer? Read(Guid uuid)
    {
        GattLocalCharacteristic? characteristic = BluetoothBackend.FindCharacteristic(uuid);
        if (characteristic == null || !Connected)
        {
            return null;
        }

        GattAnswer answer = BluetoothBackend.Read(characteristic);
        _log.Add(new BleLogEntry(_clock.Microseconds, BleEventKind.Read, uuid, answer.Value ?? Array.Empty<byte>(),
            answer.Succeeded ? "" : $"protocol error 0x{answer.ProtocolError:X2}"));
        return answer;
    }

    /// <summary>The client writes value to a characteristic; logged with the firmware's answer.</summary>
    public GattAnswer? Write(Guid uuid, byte[] value)
    {
        GattLocalCharacteristic? characteristic = BluetoothBackend.FindCharacteristic(uuid);
        if (characteristic == null)
        {
            _log.Add(new BleLogEntry(_clock.Microseconds, BleEventKind.Written, uuid, value, "no such characteristic"));
            return null;
        }

        if (!Connected)
        {
            _log.Add(new BleLogEntry(_clock.Microseconds, BleEventKind.Written, uuid, value, "not sent: not connected"));
            return null;
        }

        GattAnswer answer = BluetoothBackend.Write(characteristic, value);
        _log.Add(new BleLogEntry(_clock.Microseconds, BleEventKind.Written, uuid, value,
            answer.Succeeded ? "accepted" : $"refused: protocol error 0x{answer.ProtocolError:X2}"));
        return answer;
    }

    private void Connect(string note)
    {
        Connected = true;
        _log.Add(new BleLogEntry(_clock.Microseconds, BleEventKind.Connected, Guid.Empty, Array.Empty<byte>(), note));
        foreach (GattServiceProvider provider in BluetoothBackend.Providers)
        {
            foreach (GattLocalCharacteristic characteristic in provider.Service.Characteristics)
            {
                if ((characteristic.CharacteristicProperties & GattCharacteristicProperties.Notify) != 0)
                {
                    BluetoothBackend.Subscribe(characteristic, ClientId, true);
                }
            }
        }
    }

    private void Disconnect(string note)
    {
        Connected = false;
        _log.Add(new BleLogEntry(_clock.Microseconds, BleEventKind.Disconnected, Guid.Empty, Array.Empty<byte>(), note));
        foreach (GattServiceProvider provider in BluetoothBackend.Providers)
        {
            foreach (GattLocalCharacteristic characteristic in provider.Service.Characteristics)
            {
                BluetoothBackend.Subscribe(characteristic, ClientId, false);
            }
        }

        _reconnectAtUs = _clock.Microseconds + _reconnectDelayUs;
    }
}

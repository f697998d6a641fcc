using System;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace TinyMlDevice.Facades.Backends
{
    /// <summary>
    /// Where the nanoFramework.Device.Bluetooth facade sends what reaches the radio (server start, advertising,
    /// notifications), and the remote client's side for the simulator and the tests: subscribe, write, read.
    /// </summary>
    public static class BluetoothBackend
    {
        private static IBluetoothRadio _current;

        public static IBluetoothRadio Current
        {
            get { return _current; }
        }

        /// <summary>Installs radio (and forgets every server, provider and characteristic of a previous run).</summary>
        public static IDisposable Install(IBluetoothRadio radio)
        {
            IBluetoothRadio previous = _current;
            _current = radio;
            BluetoothLEServer.Forget();
            return new Restore(() =>
            {
                _current = previous;
                BluetoothLEServer.Forget();
            });
        }

        /// <summary>Every service provider the firmware created, in creation order.</summary>
        public static GattServiceProvider[] Providers
        {
            get { return BluetoothLEServer.AllProviders(); }
        }

        /// <summary>The characteristic with this UUID in any provider, or null.</summary>
        public static GattLocalCharacteristic FindCharacteristic(Guid uuid)
        {
            foreach (GattServiceProvider provider in Providers)
            {
                foreach (GattLocalCharacteristic characteristic in provider.Service.Characteristics)
                {
                    if (characteristic.Uuid == uuid)
                    {
                        return characteristic;
                    }
                }
            }

            return null;
        }

        /// <summary>A client enables (or disables) notifications: the CCCD write.</summary>
        public static void Subscribe(GattLocalCharacteristic characteristic, int clientId, bool subscribed)
        {
            characteristic.SetSubscribed(clientId, subscribed);
        }

        /// <summary>A client writes value; returns how the firmware answered.</summary>
        public static GattAnswer Write(GattLocalCharacteristic characteristic, byte[] value)
        {
            GattWriteRequest request = new GattWriteRequest(value, 0);
            characteristic.RaiseWrite(request);
            return new GattAnswer(request.Responded, request.ProtocolErrorSent, null);
        }

        /// <summary>A client reads; returns the value or the protocol error the firmware answered with.</summary>
        public static GattAnswer Read(GattLocalCharacteristic characteristic)
        {
            GattReadRequest request = new GattReadRequest();
            characteristic.RaiseRead(request);
            return new GattAnswer(request.ValueSent != null, request.ProtocolErrorSent, request.ValueSent);
        }

        internal static IBluetoothRadio Require()
        {
            if (_current == null)
            {
                throw BackendMissing.For("Bluetooth");
            }

            return _current;
        }
    }

    /// <summary>The radio under the GATT server.</summary>
    public interface IBluetoothRadio
    {
        void StartServer(string deviceName);

        void StartAdvertising(GattServiceProvider provider, bool connectable, bool discoverable);

        void StopAdvertising(GattServiceProvider provider);

        /// <summary>Sends one notification to one client; false when it could not be delivered (link lost).</summary>
        bool Notify(GattLocalCharacteristic characteristic, int clientId, byte[] value);
    }

    /// <summary>How the firmware answered a client's request.</summary>
    public sealed class GattAnswer
    {
        private readonly bool _succeeded;
        private readonly int _protocolError;
        private readonly byte[] _value;

        internal GattAnswer(bool succeeded, int protocolError, byte[] value)
        {
            _succeeded = succeeded;
            _protocolError = protocolError;
            _value = value;
        }

        /// <summary>Responded (a write) or responded with a value (a read), and sent no protocol error.</summary>
        public bool Succeeded
        {
            get { return _succeeded && _protocolError < 0; }
        }

        /// <summary>The ATT error code the firmware sent, or -1.</summary>
        public int ProtocolError
        {
            get { return _protocolError; }
        }

        /// <summary>The value a read was answered with, or null.</summary>
        public byte[] Value
        {
            get { return _value; }
        }
    }
}

// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattServiceProvider (members used). Advertising goes to the installed TinyMlDevice.Facades.Backends.BluetoothBackend.

using System;
using TinyMlDevice.Facades.Backends;

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public class GattServiceProvider
    {
        private readonly GattLocalService _service;

        internal GattServiceProvider(Guid serviceUuid)
        {
            _service = new GattLocalService(serviceUuid);
            BluetoothLEServer.Providers.Add(this);
        }

        public static GattServiceProviderResult Create(Guid serviceUuid)
        {
            return new GattServiceProviderResult(new GattServiceProvider(serviceUuid), BluetoothError.Success);
        }

        public GattLocalService Service
        {
            get { return _service; }
        }

        public void StartAdvertising(GattServiceProviderAdvertisingParameters parameters)
        {
            BluetoothBackend.Require().StartAdvertising(this, parameters.IsConnectable, parameters.IsDiscoverable);
        }

        public void StopAdvertising()
        {
            BluetoothBackend.Require().StopAdvertising(this);
        }
    }
}

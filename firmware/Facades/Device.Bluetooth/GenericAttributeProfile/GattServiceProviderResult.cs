// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattServiceProviderResult.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattServiceProviderResult
    {
        private readonly GattServiceProvider _serviceProvider;
        private readonly BluetoothError _error;

        internal GattServiceProviderResult(GattServiceProvider serviceProvider, BluetoothError error)
        {
            _serviceProvider = serviceProvider;
            _error = error;
        }

        public BluetoothError Error
        {
            get { return _error; }
        }

        public GattServiceProvider ServiceProvider
        {
            get { return _serviceProvider; }
        }
    }
}

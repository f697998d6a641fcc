// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattServiceProviderAdvertisingParameters (members used).

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattServiceProviderAdvertisingParameters
    {
        private bool _isDiscoverable = true;
        private bool _isConnectable = true;

        public GattServiceProviderAdvertisingParameters()
        {
        }

        public bool IsDiscoverable
        {
            get { return _isDiscoverable; }
            set { _isDiscoverable = value; }
        }

        public bool IsConnectable
        {
            get { return _isConnectable; }
            set { _isConnectable = value; }
        }
    }
}

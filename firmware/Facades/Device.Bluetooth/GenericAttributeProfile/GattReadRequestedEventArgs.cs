// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattReadRequestedEventArgs (members used).

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattReadRequestedEventArgs
    {
        private readonly GattReadRequest _request;

        internal GattReadRequestedEventArgs(GattReadRequest request)
        {
            _request = request;
        }

        public GattReadRequest GetRequest()
        {
            return _request;
        }
    }
}

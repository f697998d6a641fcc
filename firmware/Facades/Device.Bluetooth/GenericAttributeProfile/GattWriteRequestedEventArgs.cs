// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattWriteRequestedEventArgs (members used).

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattWriteRequestedEventArgs
    {
        private readonly GattWriteRequest _request;

        internal GattWriteRequestedEventArgs(GattWriteRequest request)
        {
            _request = request;
        }

        public GattWriteRequest GetRequest()
        {
            return _request;
        }
    }
}

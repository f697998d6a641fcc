// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattSubscribedClient.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public class GattSubscribedClient
    {
        private readonly int _clientId;

        internal GattSubscribedClient(int clientId)
        {
            _clientId = clientId;
        }

        public ushort MaxNotificationSize
        {
            get { return 1024; }
        }

        internal int ClientId
        {
            get { return _clientId; }
        }
    }
}

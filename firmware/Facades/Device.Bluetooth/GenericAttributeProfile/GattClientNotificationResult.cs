// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattClientNotificationResult (members used).

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattClientNotificationResult
    {
        private readonly GattCommunicationStatus _status;
        private readonly GattSubscribedClient _client;

        internal GattClientNotificationResult(GattCommunicationStatus status, GattSubscribedClient client)
        {
            _status = status;
            _client = client;
        }

        public GattCommunicationStatus Status
        {
            get { return _status; }
        }

        public GattSubscribedClient SubscribedClient
        {
            get { return _client; }
        }
    }
}

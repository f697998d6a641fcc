// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattReadRequest (members used). The backend that raised the request reads how it was answered.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattReadRequest
    {
        private byte[] _value;
        private int _protocolError = -1;

        internal GattReadRequest()
        {
        }

        public void RespondWithValue(Buffer value)
        {
            _value = value.ToBytes();
        }

        public void RespondWithProtocolError(byte protocolError)
        {
            _protocolError = protocolError;
        }

        internal byte[] ValueSent
        {
            get { return _value; }
        }

        internal int ProtocolErrorSent
        {
            get { return _protocolError; }
        }
    }
}

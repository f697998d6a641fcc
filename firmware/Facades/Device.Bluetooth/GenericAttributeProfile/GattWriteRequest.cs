// Facade of nanoFramework.Device.Bluetooth 1.1.123: nanoFramework.Device.Bluetooth.GenericAttributeProfile.
// GattWriteRequest (members used). The backend that raised the request reads how it was answered.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattWriteRequest
    {
        private readonly Buffer _value;
        private readonly uint _offset;
        private bool _responded;
        private int _protocolError = -1;

        internal GattWriteRequest(byte[] value, uint offset)
        {
            _value = new Buffer(value);
            _offset = offset;
        }

        public Buffer Value
        {
            get { return _value; }
        }

        public uint Offset
        {
            get { return _offset; }
        }

        public void Respond()
        {
            _responded = true;
        }

        public void RespondWithProtocolError(byte protocolError)
        {
            _protocolError = protocolError;
        }

        internal bool Responded
        {
            get { return _responded; }
        }

        internal int ProtocolErrorSent
        {
            get { return _protocolError; }
        }
    }
}

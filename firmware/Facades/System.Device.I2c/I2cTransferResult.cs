// Facade of nanoFramework.System.Device.I2c 1.1.29: System.Device.I2c.I2cTransferResult (no public constructor in the
// real package either; the facade fills it from the backend's answer).

namespace System.Device.I2c
{
    public struct I2cTransferResult
    {
        private readonly uint _bytesTransferred;
        private readonly I2cTransferStatus _status;

        internal I2cTransferResult(I2cTransferStatus status, uint bytesTransferred)
        {
            _status = status;
            _bytesTransferred = bytesTransferred;
        }

        public uint BytesTransferred
        {
            get { return _bytesTransferred; }
        }

        public I2cTransferStatus Status
        {
            get { return _status; }
        }
    }
}

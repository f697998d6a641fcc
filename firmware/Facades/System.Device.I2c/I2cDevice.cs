// Facade of nanoFramework.System.Device.I2c 1.1.29: System.Device.I2c.I2cDevice. Transfers go to the installed
// TinyMlDevice.Facades.Backends.I2cBackend; without one, creating a device throws NotSupportedException.

using TinyMlDevice.Facades.Backends;

namespace System.Device.I2c
{
    public class I2cDevice : IDisposable
    {
        private readonly I2cConnectionSettings _connectionSettings;
        private II2cTarget _target;

        public I2cDevice(I2cConnectionSettings settings)
        {
            _connectionSettings = settings;
            _target = I2cBackend.Require().Open(settings.BusId, settings.DeviceAddress, settings.BusSpeed);
        }

        public static I2cDevice Create(I2cConnectionSettings settings)
        {
            return new I2cDevice(settings);
        }

        public I2cConnectionSettings ConnectionSettings
        {
            get { return _connectionSettings; }
        }

        public I2cTransferResult Write(SpanByte buffer)
        {
            return Transfer(buffer.Array, buffer.Start, buffer.Length, null, 0, 0);
        }

        public I2cTransferResult Read(SpanByte buffer)
        {
            return Transfer(null, 0, 0, buffer.Array, buffer.Start, buffer.Length);
        }

        /// <summary>One transaction: write, repeated start, read.</summary>
        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer)
        {
            return Transfer(writeBuffer.Array, writeBuffer.Start, writeBuffer.Length,
                readBuffer.Array, readBuffer.Start, readBuffer.Length);
        }

        public void Dispose()
        {
            II2cTarget target = _target;
            _target = null;
            if (target != null)
            {
                target.Close();
            }
        }

        private I2cTransferResult Transfer(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount)
        {
            if (_target == null)
            {
                throw new ObjectDisposedException("I2cDevice");
            }

            int transferred;
            I2cTransferStatus status = _target.Transfer(write, writeOffset, writeCount, read, readOffset, readCount, out transferred);
            return new I2cTransferResult(status, (uint)transferred);
        }
    }
}

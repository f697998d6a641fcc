// Facade of nanoFramework.System.Device.I2s 1.0.28: System.Device.I2s.I2sDevice. Reads go to the installed
// TinyMlDevice.Facades.Backends.I2sBackend; without one, creating a device throws NotSupportedException.

using TinyMlDevice.Facades.Backends;

namespace System.Device.I2s
{
    public class I2sDevice : IDisposable
    {
        private readonly I2sConnectionSettings _connectionSettings;
        private II2sStream _stream;

        public I2sDevice(I2sConnectionSettings settings)
        {
            _connectionSettings = settings;
            _stream = I2sBackend.Require().Open(settings);
        }

        public I2sConnectionSettings ConnectionSettings
        {
            get { return _connectionSettings; }
        }

        /// <summary>Fills the whole span (blocks until the DMA has delivered that much).</summary>
        public void Read(SpanByte buffer)
        {
            if (_stream == null)
            {
                throw new ObjectDisposedException("I2sDevice");
            }

            if (buffer.Length > 0)
            {
                _stream.Read(buffer.Array, buffer.Start, buffer.Length);
            }
        }

        public void Dispose()
        {
            II2sStream stream = _stream;
            _stream = null;
            if (stream != null)
            {
                stream.Close();
            }
        }
    }
}

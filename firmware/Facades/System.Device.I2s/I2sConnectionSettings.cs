// Facade of nanoFramework.System.Device.I2s 1.0.28: System.Device.I2s.I2sConnectionSettings.

namespace System.Device.I2s
{
    public sealed class I2sConnectionSettings
    {
        private int _busId;

        public I2sConnectionSettings(int busId)
        {
            _busId = busId;
        }

        public int BusId
        {
            get { return _busId; }
            set { _busId = value; }
        }

        public I2sMode Mode { get; set; }

        public int SampleRate { get; set; }

        public I2sBitsPerSample BitsPerSample { get; set; }

        public I2sChannelFormat ChannelFormat { get; set; }

        public I2sCommunicationFormat CommunicationFormat { get; set; }

        /// <summary>Bytes of DMA memory; the ESP32 driver makes BufferSize / (256 frames · frame bytes) DMA buffers.</summary>
        public int BufferSize { get; set; }
    }
}

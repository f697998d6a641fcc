namespace TinyMlDevice.Audio
{
    /// <summary>The microphone adapter's own settings (nf.config gives interface, rate and pins).</summary>
    public sealed class I2sMicrophoneOptions
    {
        public I2sMicrophoneOptions()
        {
            BusId = 1;
            DmaBuffers = 8;
            ProbeMs = 250;
            RateTolerancePercent = 5;
            SilentFaultMs = 1000;
        }

        /// <summary>nanoFramework's I2S bus id (1 = the ESP32's I2S0; PDM reception exists only there).</summary>
        public int BusId { get; set; }

        /// <summary>DMA buffers of 256 frames: 8 hold 128 ms at 16 kHz, the longest the main loop may look away.</summary>
        public int DmaBuffers { get; set; }

        /// <summary>Audio read at start-up to find the microphone's slot and measure the rate ("no data within N ms").</summary>
        public int ProbeMs { get; set; }

        /// <summary>How far the measured rate may be from the configured one before start-up fails.</summary>
        public int RateTolerancePercent { get; set; }

        /// <summary>A slot that has not changed value for this long is a dead microphone (real silence still has noise).</summary>
        public int SilentFaultMs { get; set; }
    }
}

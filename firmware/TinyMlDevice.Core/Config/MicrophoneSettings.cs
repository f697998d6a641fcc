namespace TinyMlDevice.Core
{
    /// <summary>[microphone]: interface, rate and pins.</summary>
    public sealed class MicrophoneSettings
    {
        public MicrophoneInterface Interface { get; internal set; }

        /// <summary>Always 16000: the audio frontend's rate.</summary>
        public int SampleRateHz { get; internal set; }

        /// <summary>Bit clock (I2S only; PDM clocks on the WS pin).</summary>
        public int BckPin { get; internal set; }

        /// <summary>Word select (I2S) or the PDM clock.</summary>
        public int WsPin { get; internal set; }

        public int DataPin { get; internal set; }
    }
}

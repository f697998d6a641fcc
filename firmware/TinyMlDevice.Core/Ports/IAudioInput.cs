namespace TinyMlDevice.Core
{
    /// <summary>The microphone as the core sees it: 16-bit mono samples at SampleRate, read without waiting.</summary>
    public interface IAudioInput
    {
        int SampleRate { get; }

        /// <summary>
        /// Copies up to count samples that are ready into buffer at offset and returns how many (0 when none).
        /// Throws SensorFaultException when the microphone fails (no data, bus error).
        /// </summary>
        int Read(short[] buffer, int offset, int count);
    }
}

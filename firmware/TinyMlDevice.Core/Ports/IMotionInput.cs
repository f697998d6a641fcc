namespace TinyMlDevice.Core
{
    /// <summary>The IMU as the core sees it: accelerometer samples in raw int16 counts, axes interleaved.</summary>
    public interface IMotionInput
    {
        int SampleRate { get; }

        /// <summary>Axes per sample (1 to 3).</summary>
        int Axes { get; }

        /// <summary>g per 32768 counts (the configured range).</summary>
        float FullScaleG { get; }

        /// <summary>
        /// Copies up to count samples (Axes values each) that are ready into buffer at offset (in values) and
        /// returns how many samples. Throws SensorFaultException on a fault (NACK, timeout, FIFO overflow).
        /// </summary>
        int Read(short[] buffer, int offset, int count);
    }
}

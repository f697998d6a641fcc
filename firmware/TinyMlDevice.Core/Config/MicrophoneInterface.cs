namespace TinyMlDevice.Core
{
    /// <summary>How the microphone is wired (microphone.interface).</summary>
    public enum MicrophoneInterface
    {
        I2s = 0,
        Pdm = 1,
    }
}

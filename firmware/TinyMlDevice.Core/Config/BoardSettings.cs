namespace TinyMlDevice.Core
{
    /// <summary>[board]: which nanoFramework target the image is for, and the status LED.</summary>
    public sealed class BoardSettings
    {
        public BoardTarget Target { get; internal set; }

        /// <summary>GPIO of the status LED, or -1 for none.</summary>
        public int StatusLedPin { get; internal set; }
    }
}

namespace TinyMlDevice.Core
{
    /// <summary>[ble]: advertised name and the status report period.</summary>
    public sealed class BleSettings
    {
        public string DeviceName { get; internal set; }

        /// <summary>Seconds between two Status notifications.</summary>
        public int StatusIntervalS { get; internal set; }
    }
}

namespace TinyMlDevice.Core
{
    /// <summary>What went wrong (Fault report, byte 7).</summary>
    public enum FaultCode
    {
        None = 0,
        /// <summary>A sensor read failed; the core retries with backoff.</summary>
        SensorFailed = 1,
        /// <summary>A sensor delivers again after a failure.</summary>
        SensorRecovered = 2,
        /// <summary>A configuration text was refused; the last good one stays.</summary>
        ConfigRejected = 3,
        /// <summary>A model file was missing or refused; the last good model stays (or the pipeline is off).</summary>
        ModelRejected = 4,
        /// <summary>The engine failed while running; the pipeline restarts after a backoff.</summary>
        EngineFailed = 5,
        /// <summary>Saving or loading device state failed.</summary>
        StorageFailed = 6,
        /// <summary>The stored anomaly baseline did not fit the current setup and was discarded: calibrating again.</summary>
        BaselineDiscarded = 7,
        /// <summary>Any other unexpected error, caught so that the app keeps running.</summary>
        Internal = 8,
    }
}

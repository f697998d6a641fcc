namespace TinyMlDevice.Core
{
    /// <summary>Control commands (byte 1 of a Control write).</summary>
    public enum ControlOpcode
    {
        /// <summary>Unsigned; answers with the session and the last accepted counter.</summary>
        Hello = 0,
        /// <summary>f32: the smoothed score a keyword must reach, 0.01 to 1.</summary>
        SetKwsThreshold = 1,
        /// <summary>f32: the anomaly score above which a window is anomalous; 0 returns to the calibrated threshold.</summary>
        SetAnomalyThreshold = 2,
        /// <summary>Forget the anomaly baseline and learn normal again.</summary>
        Recalibrate = 3,
        /// <summary>u8 pipeline (1 keyword spotting, 2 vibration), u8 enabled (0 or 1).</summary>
        SetPipeline = 4,
        /// <summary>Restart the device (after the response is sent).</summary>
        Reboot = 5,
    }
}

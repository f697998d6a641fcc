namespace TinyMlDevice.Core
{
    /// <summary>A snapshot of the device: uptime, what runs, counters, the last fault.</summary>
    public sealed class StatusReport
    {
        public uint UptimeS { get; set; }

        public bool KwsEnabled { get; set; }

        /// <summary>The keyword pipeline has a model and runs (false while enabled but refused or restarting).</summary>
        public bool KwsRunning { get; set; }

        public bool VibrationEnabled { get; set; }

        public bool VibrationRunning { get; set; }

        public bool Calibrated { get; set; }

        public bool AlarmActive { get; set; }

        public bool UsesAutoencoder { get; set; }

        /// <summary>Keyword events since boot (saturates at 65535 in the payload).</summary>
        public int KeywordEvents { get; set; }

        /// <summary>Alarms raised since boot (saturates at 65535).</summary>
        public int AlarmsRaised { get; set; }

        /// <summary>Start to scores of the last keyword inference, ms (saturates at 65535).</summary>
        public int KwsLatencyMs { get; set; }

        /// <summary>Fault reports since boot (saturates at 65535).</summary>
        public int Faults { get; set; }

        public FaultCode LastFault { get; set; }

        /// <summary>Progress of the learn-normal phase, 0..100.</summary>
        public int CalibrationPercent { get; set; }

        /// <summary>Keyword inferences since boot.</summary>
        public uint KwsInferences { get; set; }
    }
}

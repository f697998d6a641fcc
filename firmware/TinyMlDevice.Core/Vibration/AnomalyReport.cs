namespace TinyMlDevice.Core
{
    /// <summary>The vibration pipeline's news: an alarm raised or cleared, or the periodic summary.</summary>
    public sealed class AnomalyReport
    {
        public AnomalyReport(AnomalyReportKind kind, uint timestampMs, bool calibrated, bool alarmActive,
            bool usesAutoencoder, float score, float threshold, int windows, int calibrationPercent)
        {
            Kind = kind;
            TimestampMs = timestampMs;
            Calibrated = calibrated;
            AlarmActive = alarmActive;
            UsesAutoencoder = usesAutoencoder;
            Score = score;
            Threshold = threshold;
            Windows = windows;
            CalibrationPercent = calibrationPercent;
        }

        public AnomalyReportKind Kind { get; }

        public uint TimestampMs { get; }

        /// <summary>The learn-normal phase is over: windows are scored against the baseline.</summary>
        public bool Calibrated { get; }

        /// <summary>The alarm state after this report.</summary>
        public bool AlarmActive { get; }

        /// <summary>The autoencoder's reconstruction error is one of the scored features.</summary>
        public bool UsesAutoencoder { get; }

        /// <summary>AlarmRaised/AlarmCleared: the score of the window that changed the state; Summary: the period's highest.</summary>
        public float Score { get; }

        /// <summary>Scores above it are anomalous; 0 while calibrating.</summary>
        public float Threshold { get; }

        /// <summary>
        /// AlarmRaised: consecutive anomalous windows that raised it; AlarmCleared: consecutive normal windows that cleared
        /// it; Summary: anomalous windows in the period.
        /// </summary>
        public int Windows { get; }

        /// <summary>Progress of the learn-normal phase, 0..100 (100 once calibrated).</summary>
        public int CalibrationPercent { get; }

        /// <summary>Per-channel counter set when published.</summary>
        public ushort Sequence { get; set; }
    }
}

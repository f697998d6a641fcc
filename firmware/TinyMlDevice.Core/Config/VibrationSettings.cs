namespace TinyMlDevice.Core
{
    /// <summary>[vibration]: windows, features, the optional autoencoder, the learn-normal phase and the alarm.</summary>
    public sealed class VibrationSettings
    {
        public bool Enabled { get; internal set; }

        /// <summary>Autoencoder file name, or "" to score the features alone.</summary>
        public string Model { get; internal set; }

        /// <summary>Samples per axis in one window (a power of two).</summary>
        public int WindowSamples { get; internal set; }

        /// <summary>Fraction of a window shared with the next one (0 to 0.9).</summary>
        public float Overlap { get; internal set; }

        /// <summary>Equal-width frequency bands from 0 Hz to Nyquist.</summary>
        public int Bands { get; internal set; }

        /// <summary>Seconds of normal running the baseline learns from before it scores.</summary>
        public int LearnNormalS { get; internal set; }

        /// <summary>Consecutive anomalous windows that raise the alarm.</summary>
        public int AlarmOnWindows { get; internal set; }

        /// <summary>Consecutive normal windows that clear it.</summary>
        public int AlarmOffWindows { get; internal set; }

        /// <summary>Seconds between two summary reports.</summary>
        public int SummaryIntervalS { get; internal set; }

        /// <summary>Samples between the starts of two windows: the window minus the rounded overlap, at least 1.</summary>
        public int HopSamples
        {
            get
            {
                int hop = WindowSamples - (int)(WindowSamples * Overlap + 0.5f);
                return hop < 1 ? 1 : hop;
            }
        }

        /// <summary>Windows the learn-normal phase lasts at this sample rate (LearnNormalS of hops, rounded up).</summary>
        public int CalibrationWindows(int sampleRateHz)
        {
            long samples = (long)LearnNormalS * sampleRateHz;
            return (int)((samples + HopSamples - 1) / HopSamples);
        }
    }
}

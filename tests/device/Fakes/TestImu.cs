namespace TinyMlDevice.Core.DeviceTests
{
    /// <summary>
    /// An IMU in virtual time: by clock time t it has produced t · SampleRate / 1000 samples of Signal. Read throws while
    /// the clock is inside [FailFromMs, FailUntilMs).
    /// </summary>
    internal sealed class TestImu : IMotionInput
    {
        private readonly TestClock _clock;
        private long _delivered;

        public TestImu(TestClock clock, int sampleRate, int axes, Signal signal)
        {
            _clock = clock;
            SampleRate = sampleRate;
            Axes = axes;
            Signal = signal;
            FailFromMs = long.MaxValue;
            FailUntilMs = long.MaxValue;
        }

        public int SampleRate { get; }

        public int Axes { get; }

        public float FullScaleG => 4f;

        public Signal Signal { get; set; }

        public long FailFromMs { get; set; }

        public long FailUntilMs { get; set; }

        public int Read(short[] buffer, int offset, int count)
        {
            long now = _clock.Milliseconds;
            long produced = now * SampleRate / 1000;
            if (now >= FailFromMs && now < FailUntilMs)
            {
                _delivered = produced;
                throw new SensorFaultException("imu", "I2C address not acknowledged");
            }

            long ready = produced - _delivered;
            int n = ready < count ? (int)ready : count;
            for (int i = 0; i < n; i++)
            {
                for (int a = 0; a < Axes; a++)
                {
                    buffer[offset + i * Axes + a] = Signal(_delivered + i, a);
                }
            }

            _delivered += n;
            return n;
        }
    }
}

namespace TinyMlDevice.Core.Tests.Fakes;

/// <summary>
/// An IMU producing a synthetic signal in virtual time: by clock time t it has produced t · rate / 1000 samples, each
/// from Signal(sampleIndex, axis) in counts. Faults: Read throws while the clock is inside [FailFromMs, FailUntilMs).
/// </summary>
internal sealed class ScriptedMotion : IMotionInput
{
    private readonly FakeClock _clock;
    private long _delivered;

    public ScriptedMotion(FakeClock clock, int sampleRate, int axes, float fullScaleG, Func<long, int, short> signal)
    {
        _clock = clock;
        SampleRate = sampleRate;
        Axes = axes;
        FullScaleG = fullScaleG;
        Signal = signal;
    }

    public int SampleRate { get; }

    public int Axes { get; }

    public float FullScaleG { get; }

    public Func<long, int, short> Signal { get; set; }

    public long FailFromMs { get; set; } = long.MaxValue;

    public long FailUntilMs { get; set; } = long.MaxValue;

    public int Read(short[] buffer, int offset, int count)
    {
        long now = _clock.Milliseconds;
        long produced = now * SampleRate / 1000;
        if (now >= FailFromMs && now < FailUntilMs)
        {
            _delivered = produced;
            throw new SensorFaultException("imu", "I2C address not acknowledged");
        }

        int ready = (int)Math.Min(count, produced - _delivered);
        for (int i = 0; i < ready; i++)
        {
            for (int a = 0; a < Axes; a++)
            {
                buffer[offset + i * Axes + a] = Signal(_delivered + i, a);
            }
        }

        _delivered += ready;
        return ready;
    }
}

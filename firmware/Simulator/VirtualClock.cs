namespace TinyMlDevice.Simulator;

/// <summary>
/// The simulated board's time, in microseconds from power-on. Nothing moves it but the firmware's own waits (Sleep,
/// a blocking I2S read) and the simulated buses (each I2C transfer takes its time on the wire): the same inputs give the
/// same run, as fast as the host computes it.
/// </summary>
public sealed class VirtualClock : IDeviceClock
{
    public long Microseconds { get; private set; }

    public long Milliseconds => Microseconds / 1000;

    public double Seconds => Microseconds / 1e6;

    public void Sleep(int milliseconds)
    {
        if (milliseconds > 0)
        {
            Microseconds += milliseconds * 1000L;
        }
    }

    public void Advance(long microseconds)
    {
        if (microseconds > 0)
        {
            Microseconds += microseconds;
        }
    }

    public void AdvanceTo(long microseconds)
    {
        if (microseconds > Microseconds)
        {
            Microseconds = microseconds;
        }
    }
}

using TinyMlDevice.Simulator.Bus;

namespace TinyMlDevice.Simulator.Sensors;

/// <summary>
/// What both IMU models share: the chip samples the recording on its own output-data-rate grid (sample k at k / rate
/// seconds after power-on), converts g to 16-bit counts at the configured sensitivity (rounded, saturating), and does so
/// lazily, catching up with virtual time whenever the bus touches it. The register maps live in the subclasses.
/// </summary>
public abstract class AccelerometerChip : RegisterDevice
{
    private readonly VirtualClock _clock;
    private readonly VibrationRecording? _recording;
    private double _rateHz;
    private long _nextSample;

    protected AccelerometerChip(VirtualClock clock, VibrationRecording? recording)
    {
        _clock = clock;
        _recording = recording;
    }

    /// <summary>Samples measured since power-on (also those not kept by the FIFO).</summary>
    public long SamplesMeasured { get; private set; }

    /// <summary>Samples the FIFO lost to overflow since power-on.</summary>
    public long SamplesOverwritten { get; protected set; }

    /// <summary>Times the FIFO overflowed (each episode counted once, until the FIFO is read or reset).</summary>
    public int Overflows { get; protected set; }

    protected VirtualClock Clock => _clock;

    /// <summary>The chip's current sample rate (0 when it does not sample).</summary>
    protected double RateHz => _rateHz;

    /// <summary>g per count at the configured range.</summary>
    protected abstract double SensitivityG { get; }

    /// <summary>Sets the sampling rate from now on (0 stops sampling); the grid restarts at the next multiple of the period.</summary>
    protected void SetRate(double rateHz)
    {
        CatchUp();
        _rateHz = rateHz;
        _nextSample = rateHz > 0 ? (long)Math.Ceiling(_clock.Microseconds * rateHz / 1e6) : 0;
    }

    /// <summary>Measures every sample due by now, handing each to OnSample.</summary>
    protected void CatchUp()
    {
        if (_rateHz <= 0)
        {
            return;
        }

        long due = (long)Math.Floor(_clock.Microseconds * _rateHz / 1e6);
        if (due < _nextSample)
        {
            return;
        }

        long first = _nextSample;
        if (!KeepsEverySample && due - first > 0)
        {
            first = due; // only the newest sample is visible (output registers): skip the rest
        }

        for (long k = first; k <= due; k++)
        {
            double t = k / _rateHz;
            OnSample(Counts(0, k, t), Counts(1, k, t), Counts(2, k, t));
            SamplesMeasured++;
        }

        _nextSample = due + 1;
    }

    /// <summary>True while every sample matters (the FIFO stores them); false lets CatchUp skip to the newest.</summary>
    protected abstract bool KeepsEverySample { get; }

    /// <summary>One measured sample, in counts.</summary>
    protected abstract void OnSample(short x, short y, short z);

    private short Counts(int axis, long k, double seconds)
    {
        if (_recording == null)
        {
            return axis == 2 ? Saturate(1.0 / SensitivityG) : (short)0; // at rest: gravity on z
        }

        double g = Math.Abs(_recording.SampleRateHz - _rateHz) < 1e-9 ? _recording.Row(axis, k) : _recording.At(axis, seconds);
        return Saturate(g / SensitivityG);
    }

    private static short Saturate(double counts)
    {
        double rounded = Math.Round(counts, MidpointRounding.AwayFromZero);
        return rounded >= short.MaxValue ? short.MaxValue : rounded <= short.MinValue ? short.MinValue : (short)rounded;
    }
}

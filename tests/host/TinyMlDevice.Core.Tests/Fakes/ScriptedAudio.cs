namespace TinyMlDevice.Core.Tests.Fakes;

/// <summary>
/// A microphone playing a recording in virtual time: by clock time t it has delivered t · 16 samples; outside the
/// recording it plays Background looped (digital silence when there is none). Faults can be scheduled: Read throws
/// while the clock is inside [FailFromMs, FailUntilMs).
/// </summary>
internal sealed class ScriptedAudio : IAudioInput
{
    private readonly FakeClock _clock;
    private readonly short[] _samples;
    private long _delivered;

    public ScriptedAudio(FakeClock clock, short[] samples, long startMs = 0)
    {
        _clock = clock;
        _samples = samples;
        StartMs = startMs;
    }

    public int SampleRate => 16000;

    /// <summary>Clock time of the recording's first sample; silence before it.</summary>
    public long StartMs { get; }

    public long FailFromMs { get; set; } = long.MaxValue;

    public long FailUntilMs { get; set; } = long.MaxValue;

    /// <summary>Room noise around the recording (a real microphone never delivers digital zeros).</summary>
    public short[]? Background { get; set; }

    public int Reads { get; private set; }

    /// <summary>Samples handed out so far (counting from clock time 0).</summary>
    public long Delivered => _delivered;

    public int FailedReads { get; private set; }

    public int Read(short[] buffer, int offset, int count)
    {
        Reads++;
        long now = _clock.Milliseconds;
        if (now >= FailFromMs && now < FailUntilMs)
        {
            FailedReads++;
            _delivered = now * 16; // what the hardware produced meanwhile is lost
            throw new SensorFaultException("microphone", "I2S read timed out");
        }

        int ready = (int)Math.Min(count, now * 16 - _delivered);
        for (int i = 0; i < ready; i++)
        {
            long at = _delivered + i;
            long index = at - StartMs * 16;
            buffer[offset + i] = index >= 0 && index < _samples.Length ? _samples[index]
                : Background != null ? Background[at % Background.Length] : (short)0;
        }

        _delivered += ready;
        return ready;
    }
}

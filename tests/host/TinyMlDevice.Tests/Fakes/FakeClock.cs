namespace TinyMlDevice.Tests.Fakes;

/// <summary>Virtual milliseconds: Sleep and the fakes that block move time forward, nothing else does.</summary>
public sealed class FakeClock : IDeviceClock
{
    public long Milliseconds { get; private set; }

    public void Sleep(int milliseconds) => Advance(milliseconds);

    public void Advance(long milliseconds) => Milliseconds += milliseconds;

    public void AdvanceTo(long milliseconds)
    {
        if (milliseconds > Milliseconds)
        {
            Milliseconds = milliseconds;
        }
    }
}

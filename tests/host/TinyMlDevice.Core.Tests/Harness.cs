using TinyMlDevice.Core.Tests.Fakes;

namespace TinyMlDevice.Core.Tests;

/// <summary>A DeviceApp over fake ports, driven in virtual time.</summary>
internal sealed class Harness : IDisposable
{
    public Harness(IAudioInput? audio = null, IMotionInput? motion = null, FakeClock? clock = null,
        MemoryStateStore? store = null, MemoryModelSource? models = null)
    {
        Clock = clock ?? new FakeClock();
        Store = store ?? new MemoryStateStore();
        Models = models ?? new MemoryModelSource();
        App = new DeviceApp(audio!, motion!, Sink, Clock, Store, Models);
    }

    public FakeClock Clock { get; }

    public RecordingSink Sink { get; } = new();

    public MemoryStateStore Store { get; }

    public MemoryModelSource Models { get; }

    public DeviceApp App { get; }

    /// <summary>Steps until idle every tickMs of virtual time for durationMs; returns the most Steps one tick took.</summary>
    public int Run(long durationMs, int tickMs = 10)
    {
        int mostSteps = 0;
        for (long end = Clock.Milliseconds + durationMs; Clock.Milliseconds < end;)
        {
            Clock.Advance(tickMs);
            int steps = 1;
            while (App.Step())
            {
                steps++;
                Assert.True(steps < 10_000, "Step never went idle");
            }

            mostSteps = Math.Max(mostSteps, steps);
        }

        return mostSteps;
    }

    public void Dispose() => App.Dispose();
}

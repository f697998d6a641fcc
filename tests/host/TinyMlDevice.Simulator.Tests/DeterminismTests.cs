namespace TinyMlDevice.Simulator.Tests;

// Virtual time and seeded inputs only: the same inputs give the same bytes at the same microsecond, every run.
public class DeterminismTests
{
    [Fact]
    public void The_same_inputs_give_an_identical_BLE_log()
    {
        string[] faults = { "imu-unplug@32:2", "fifo-overflow@36", "ble-disconnect@38:1", "i2s-underrun@12" };

        SimulationResult first = Simulation.Run(Bench.Demo(45, faults));
        SimulationResult second = Simulation.Run(Bench.Demo(45, faults));

        List<string> a = first.Log.Select(e => e.ToLine()).ToList();
        List<string> b = second.Log.Select(e => e.ToLine()).ToList();
        Assert.True(a.Count > 20, $"{a.Count} BLE events");
        Assert.Equal(a, b);
        Assert.Equal(first.Notes.Select(n => (n.TimeUs, n.Text)), second.Notes.Select(n => (n.TimeUs, n.Text)));
    }
}

namespace TinyMlDevice.Core.Tests;

public class AlarmStateMachineTests
{
    private static string Run(AlarmStateMachine alarm, string windows) =>
        new(windows.Select(w => alarm.Update(w == 'A') switch
        {
            AlarmTransition.Raised => 'R',
            AlarmTransition.Cleared => 'C',
            _ => alarm.Active ? '+' : '.',
        }).ToArray());

    [Fact]
    public void RaisesAfterOnWindowsConsecutiveAnomalies() =>
        Assert.Equal("..R", Run(new AlarmStateMachine(3, 2), "AAA"));

    [Fact]
    public void AnInterruptedRunStartsOver() =>
        Assert.Equal("........R", Run(new AlarmStateMachine(3, 2), "AAnAAnAAA"));

    [Fact]
    public void ClearsAfterOffWindowsConsecutiveNormalOnes() =>
        Assert.Equal("R+++C..", Run(new AlarmStateMachine(1, 4), "Annnnnn"));

    [Fact]
    public void AnAnomalyWhileRaisedRestartsTheClearingCount() =>
        Assert.Equal("R+++++C", Run(new AlarmStateMachine(1, 3), "AnnAnnn"));

    [Fact]
    public void OneWindowEachWayIsNoHysteresis() =>
        Assert.Equal("RCRC", Run(new AlarmStateMachine(1, 1), "AnAn"));

    [Fact]
    public void ResetClearsWithoutATransition()
    {
        var alarm = new AlarmStateMachine(1, 5);
        alarm.Update(true);
        alarm.Reset();
        Assert.False(alarm.Active);
        Assert.Equal(0, alarm.Run);
    }
}

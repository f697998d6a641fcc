using nanoFramework.TestFramework;

namespace TinyMlDevice.Core.DeviceTests
{
    // Mirrors tests/host/TinyMlDevice.Core.Tests/AlarmStateMachineTests.cs: 'A' an anomalous window, 'n' a normal one;
    // out: 'R' raised, 'C' cleared, '+' active, '.' clear.
    [TestClass]
    public class AlarmStateMachineTests
    {
        private static string Run(AlarmStateMachine alarm, string windows)
        {
            string result = "";
            for (int i = 0; i < windows.Length; i++)
            {
                AlarmTransition t = alarm.Update(windows[i] == 'A');
                result += t == AlarmTransition.Raised ? "R" : t == AlarmTransition.Cleared ? "C" : alarm.Active ? "+" : ".";
            }

            return result;
        }

        [TestMethod]
        public void RaisesAfterOnWindowsConsecutiveAnomalies()
        {
            Assert.AreEqual("..R", Run(new AlarmStateMachine(3, 2), "AAA"));
        }

        [TestMethod]
        public void AnInterruptedRunStartsOver()
        {
            Assert.AreEqual("........R", Run(new AlarmStateMachine(3, 2), "AAnAAnAAA"));
        }

        [TestMethod]
        public void ClearsAfterOffWindowsConsecutiveNormalOnes()
        {
            Assert.AreEqual("R+++C..", Run(new AlarmStateMachine(1, 4), "Annnnnn"));
        }

        [TestMethod]
        public void AnAnomalyWhileRaisedRestartsTheClearingCount()
        {
            Assert.AreEqual("R+++++C", Run(new AlarmStateMachine(1, 3), "AnnAnnn"));
        }
    }
}

using System;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// The anomaly alarm with hysteresis: raised after OnWindows consecutive anomalous windows, cleared after OffWindows
    /// consecutive normal ones; a window of the other kind restarts the count.
    /// </summary>
    public sealed class AlarmStateMachine
    {
        public AlarmStateMachine(int onWindows, int offWindows)
        {
            if (onWindows < 1 || offWindows < 1)
            {
                throw new ArgumentOutOfRangeException(onWindows < 1 ? "onWindows" : "offWindows", "must be at least 1");
            }

            OnWindows = onWindows;
            OffWindows = offWindows;
        }

        public int OnWindows { get; }

        public int OffWindows { get; }

        public bool Active { get; private set; }

        /// <summary>Consecutive windows so far that point to the other state (anomalous while clear, normal while raised).</summary>
        public int Run { get; private set; }

        public AlarmTransition Update(bool anomalous)
        {
            if (anomalous == Active)
            {
                Run = 0;
                return AlarmTransition.None;
            }

            Run++;
            if (Run < (Active ? OffWindows : OnWindows))
            {
                return AlarmTransition.None;
            }

            Active = !Active;
            Run = 0;
            return Active ? AlarmTransition.Raised : AlarmTransition.Cleared;
        }

        public void Reset()
        {
            Active = false;
            Run = 0;
        }
    }
}

namespace TinyMl
{
    /// <summary>Where an <see cref="AnomalyBaseline"/> stands; mirrors <c>tml_anomaly_phase</c>.</summary>
    public enum AnomalyPhase
    {
        /// <summary>Learning what normal looks like; no window is flagged.</summary>
        Calibrating = 0,
        /// <summary>Statistics and threshold frozen: every window is scored and flagged or not.</summary>
        Ready = 1,
    }
}

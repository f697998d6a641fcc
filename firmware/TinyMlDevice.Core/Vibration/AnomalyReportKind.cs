namespace TinyMlDevice.Core
{
    /// <summary>Why an AnomalyReport was sent.</summary>
    public enum AnomalyReportKind
    {
        AlarmRaised = 1,
        AlarmCleared = 2,
        Summary = 3,
    }
}

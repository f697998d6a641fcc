namespace TinyMlDevice.Core
{
    /// <summary>What one window did to the alarm.</summary>
    public enum AlarmTransition
    {
        None = 0,
        Raised = 1,
        Cleared = 2,
    }
}

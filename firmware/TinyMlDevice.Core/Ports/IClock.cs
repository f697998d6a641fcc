namespace TinyMlDevice.Core
{
    /// <summary>Monotonic time in milliseconds (virtual time in the simulator).</summary>
    public interface IClock
    {
        long Milliseconds { get; }
    }
}

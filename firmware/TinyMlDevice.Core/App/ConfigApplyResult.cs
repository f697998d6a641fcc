namespace TinyMlDevice.Core
{
    /// <summary>What DeviceApp.ApplyConfig did with a configuration text.</summary>
    public enum ConfigApplyResult
    {
        /// <summary>Valid, and every enabled pipeline runs with it.</summary>
        Applied = 0,

        /// <summary>
        /// Valid, but an enabled pipeline could not start (model missing or refused, sensor absent) and there was no
        /// last good configuration to keep: the config is in force and that pipeline stays off.
        /// </summary>
        Degraded = 1,

        /// <summary>Refused (invalid text, or a pipeline could not start): the last good configuration stays in force.</summary>
        Rejected = 2,
    }
}

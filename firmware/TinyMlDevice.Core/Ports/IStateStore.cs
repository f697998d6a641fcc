namespace TinyMlDevice.Core
{
    /// <summary>
    /// Small named blobs that survive a reboot (flash on the device, a folder or memory in the simulator and tests).
    /// The core keeps its calibrated anomaly baseline here.
    /// </summary>
    public interface IStateStore
    {
        /// <summary>Replaces the blob called name; a power cut must leave either the old or the new blob, never a mix.</summary>
        void Save(string name, byte[] data);

        /// <summary>The blob called name, or null when there is none.</summary>
        byte[] Load(string name);

        /// <summary>Forgets the blob called name (nothing happens when there is none).</summary>
        void Delete(string name);
    }
}

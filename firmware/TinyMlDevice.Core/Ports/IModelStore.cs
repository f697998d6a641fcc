namespace TinyMlDevice.Core
{
    /// <summary>
    /// Where model updates are staged and the installed ones kept, by slot ("kws", "vibration"): flash on a device with a
    /// file system, RAM on the nanoFramework build (RamModelStore), a folder in the simulator. One staging area at a time.
    /// A store that survives power loss must keep the installed models whole through it, and may leave a partial staging
    /// area behind (HasStaging), which the app discards at start.
    /// </summary>
    public interface IModelStore
    {
        /// <summary>The largest model the store can stage, in bytes.</summary>
        int Capacity { get; }

        /// <summary>True when a staging area exists (an update in progress, or one a restart interrupted).</summary>
        bool HasStaging { get; }

        /// <summary>Starts a staging area of size bytes for slot, dropping any previous one. Throws on a storage failure.</summary>
        void Begin(string slot, int size);

        /// <summary>Stores count bytes of data from dataOffset at offset of the staging area. Throws on a storage failure.</summary>
        void Write(int offset, byte[] data, int dataOffset, int count);

        /// <summary>The staged bytes (as many as Begin said).</summary>
        byte[] ReadStaged();

        /// <summary>
        /// Makes the staged bytes the slot's installed model with version, in one step: until it returns, the previous model
        /// is the installed one, whatever happens (a power cut leaves either the old or the new, never a mix). Ends staging.
        /// </summary>
        void Commit(uint version);

        /// <summary>Drops the staging area (nothing happens when there is none).</summary>
        void Abort();

        /// <summary>The slot's installed model, or null (then the model the configuration names is used).</summary>
        byte[] Current(string slot);

        /// <summary>The version of the slot's installed model, 0 when none is installed.</summary>
        uint Version(string slot);
    }
}

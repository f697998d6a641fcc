using System;
using System.Collections;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// IModelStore in RAM: the nanoFramework build's store (a flash file store needs packages outside the pinned set), the
    /// tests' and the simulator's. Installed models and the staging area live as long as the object: on the device that is
    /// until the next reboot, which then runs the models built into the image again. Commit is one reference swap.
    /// </summary>
    public sealed class RamModelStore : IModelStore
    {
        private readonly int _capacity;
        private readonly Hashtable _models = new Hashtable();
        private readonly Hashtable _versions = new Hashtable();
        private byte[] _staging;
        private string _stagingSlot;

        /// <param name="capacity">The largest model it takes (the staging area is allocated whole at Begin).</param>
        public RamModelStore(int capacity)
        {
            _capacity = capacity;
        }

        public int Capacity => _capacity;

        public bool HasStaging => _staging != null;

        public void Begin(string slot, int size)
        {
            if (size <= 0 || size > _capacity)
            {
                throw new ArgumentOutOfRangeException("size", size + " bytes; the store takes 1 to " + _capacity);
            }

            _staging = null; // free the old area before taking the new one
            _staging = new byte[size];
            _stagingSlot = slot;
        }

        public void Write(int offset, byte[] data, int dataOffset, int count)
        {
            if (_staging == null)
            {
                throw new InvalidOperationException("no staging area");
            }

            Array.Copy(data, dataOffset, _staging, offset, count);
        }

        public byte[] ReadStaged()
        {
            if (_staging == null)
            {
                throw new InvalidOperationException("no staging area");
            }

            return _staging;
        }

        public void Commit(uint version)
        {
            if (_staging == null)
            {
                throw new InvalidOperationException("no staging area");
            }

            _models[_stagingSlot] = _staging;
            _versions[_stagingSlot] = version;
            _staging = null;
            _stagingSlot = null;
        }

        public void Abort()
        {
            _staging = null;
            _stagingSlot = null;
        }

        public byte[] Current(string slot) => (byte[])_models[slot];

        public uint Version(string slot)
        {
            object version = _versions[slot];
            return version == null ? 0 : (uint)version;
        }
    }
}

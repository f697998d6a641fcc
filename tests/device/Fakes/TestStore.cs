using System;
using System.Collections;

namespace TinyMlDevice.Core.DeviceTests
{
    /// <summary>Blobs in RAM that outlive a DeviceApp (a "reboot" is a new app over the same store).</summary>
    internal sealed class TestStore : IStateStore
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _blobs = new ArrayList();

        public int Count => _names.Count;

        public void Save(string name, byte[] data)
        {
            Delete(name);
            _names.Add(name);
            _blobs.Add(Copy(data));
        }

        public byte[] Load(string name)
        {
            int i = _names.IndexOf(name);
            return i < 0 ? null : Copy((byte[])_blobs[i]);
        }

        /// <summary>Flips one bit of a stored blob, as a worn flash cell would.</summary>
        public void Corrupt(string name, int index)
        {
            byte[] blob = (byte[])_blobs[_names.IndexOf(name)];
            blob[index] ^= 0x10;
        }

        public void Delete(string name)
        {
            int i = _names.IndexOf(name);
            if (i >= 0)
            {
                _names.RemoveAt(i);
                _blobs.RemoveAt(i);
            }
        }

        private static byte[] Copy(byte[] data)
        {
            byte[] copy = new byte[data.Length];
            Array.Copy(data, copy, data.Length);
            return copy;
        }
    }
}

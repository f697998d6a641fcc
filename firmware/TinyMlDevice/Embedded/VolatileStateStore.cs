using System.Collections;
using TinyMlDevice.Core;

namespace TinyMlDevice.Embedded
{
    /// <summary>
    /// IStateStore in RAM: blobs last until the next reboot (so the anomaly baseline is learnt again after a reset).
    /// Stands in until the firmware has a flash store; replacing a blob is atomic because it is one reference swap.
    /// </summary>
    public sealed class VolatileStateStore : IStateStore
    {
        private readonly Hashtable _blobs = new Hashtable();

        public void Save(string name, byte[] data)
        {
            byte[] copy = (byte[])data.Clone();
            lock (_blobs)
            {
                _blobs[name] = copy;
            }
        }

        public byte[] Load(string name)
        {
            lock (_blobs)
            {
                byte[] data = (byte[])_blobs[name];
                return data == null ? null : (byte[])data.Clone();
            }
        }

        public void Delete(string name)
        {
            lock (_blobs)
            {
                _blobs.Remove(name);
            }
        }
    }
}

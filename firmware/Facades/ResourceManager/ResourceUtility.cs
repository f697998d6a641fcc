// Facade of nanoFramework.ResourceManager 1.2.32: nanoFramework.Runtime.Native.ResourceUtility, which the code that
// nanoFramework's nFResXFileCodeGenerator writes (Resources.Designer.cs) calls. The System.Resources.ResourceManager it
// takes is the one of .NET itself here (same constructor and BaseName as nanoFramework's); lookups go to the installed
// TinyMlDevice.Facades.Backends.ResourceBackend.

using System;
using TinyMlDevice.Facades.Backends;

namespace nanoFramework.Runtime.Native
{
    public static class ResourceUtility
    {
        /// <summary>The whole resource (a byte[] for a binary resource, a string for a string resource).</summary>
        public static object GetObject(System.Resources.ResourceManager rm, Enum id)
        {
            object value = ResourceBackend.Require().GetObject(rm.BaseName, Convert.ToInt16(id));
            if (value == null)
            {
                // what nanoFramework's ResourceManager throws for an id it does not hold
                throw new ArgumentException("no resource " + id + " in " + rm.BaseName);
            }

            return value;
        }

        /// <summary>length bytes of a binary resource from offset (a chunk, without copying the whole blob).</summary>
        public static object GetObject(System.Resources.ResourceManager rm, Enum id, int offset, int length)
        {
            byte[] whole = GetObject(rm, id) as byte[];
            if (whole == null || offset < 0 || length < 0 || offset > whole.Length || length > whole.Length - offset)
            {
                throw new ArgumentException("chunk outside resource " + id);
            }

            byte[] chunk = new byte[length];
            Array.Copy(whole, offset, chunk, 0, length);
            return chunk;
        }
    }
}

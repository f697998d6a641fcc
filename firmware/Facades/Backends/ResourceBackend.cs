using System;

namespace TinyMlDevice.Facades.Backends
{
    /// <summary>
    /// Where nanoFramework.Runtime.Native.ResourceUtility finds an application's embedded resources (simulator and
    /// tests). On the device they come from the .nanoresources that Visual Studio builds from the .resx.
    /// </summary>
    public static class ResourceBackend
    {
        private static IResourceStore _current;

        public static IResourceStore Current
        {
            get { return _current; }
        }

        public static IDisposable Install(IResourceStore store)
        {
            IResourceStore previous = _current;
            _current = store;
            return new Restore(() => _current = previous);
        }

        internal static IResourceStore Require()
        {
            if (_current == null)
            {
                throw BackendMissing.For("resource");
            }

            return _current;
        }
    }

    public interface IResourceStore
    {
        /// <summary>
        /// The resource with this id (the nanoFramework resource generator's 16-bit id of its name) in the resource set
        /// baseName ("RootNamespace.Resources"), or null when there is none.
        /// </summary>
        object GetObject(string baseName, short id);
    }
}

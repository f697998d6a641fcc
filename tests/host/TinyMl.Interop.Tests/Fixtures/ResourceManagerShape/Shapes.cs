using System;
using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyNativeVersion("100.2.0.0")]

namespace System.Resources
{
    public class ResourceManager
    {
        private int _resourceFileId;
        private ResourceManager _fallback;

        [MethodImpl(MethodImplOptions.InternalCall)]
        private extern object GetObjectInternal(short id);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private extern object GetObjectInternal(short id, int offset, int length);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int FindResource(string baseName, Assembly assembly);

        public ResourceManager(string baseName, Assembly assembly)
            : this(baseName, assembly, "", true)
        {
        }

        internal ResourceManager(string baseName, Assembly assembly, string cultureName, bool throwOnFailure)
        {
            if (!Initialize(baseName, assembly, cultureName) && throwOnFailure)
            {
                throw new ArgumentException();
            }
        }

        internal ResourceManager(string baseName, string cultureName, int resourceFileId, Assembly assemblyBase,
            Assembly assemblyResource)
        {
            _resourceFileId = resourceFileId;
            _fallback = this;
        }

        private bool IsValid
        {
            get { return _resourceFileId >= 0; }
        }

        private string GetParentCultureName(string cultureName)
        {
            return cultureName;
        }

        internal bool Initialize(string baseName, Assembly assembly, string cultureName)
        {
            return Initialize(baseName, assembly, GetParentCultureName(cultureName), assembly);
        }

        internal bool Initialize(string baseName, Assembly assemblyBase, string cultureName, Assembly assemblyResource)
        {
            _resourceFileId = FindResource(baseName, assemblyResource);
            return IsValid;
        }

        private object GetObjectFromId(short id)
        {
            return GetObjectInternal(id) ?? _fallback.GetObjectFromId(id);
        }

        private object GetObjectChunkFromId(short id, int offset, int length)
        {
            return GetObjectInternal(id, offset, length) ?? _fallback.GetObjectChunkFromId(id, offset, length);
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        internal static extern object GetObject(ResourceManager rm, Enum id);
    }
}

namespace nanoFramework.Runtime.Native
{
    public static class ResourceUtility
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern object GetObject(System.Resources.ResourceManager rm, Enum id);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern object GetObject(System.Resources.ResourceManager rm, Enum id, int offset, int length);

        public static string[] GetDelimitedStringResources(System.Resources.ResourceManager rm, Enum resource)
        {
            return ((string)GetObject(rm, resource)).Split('|');
        }

        public static string GetDelimitedStringResource(System.Resources.ResourceManager rm, Enum resource, int i)
        {
            return GetDelimitedStringResources(rm, resource)[i];
        }
    }
}

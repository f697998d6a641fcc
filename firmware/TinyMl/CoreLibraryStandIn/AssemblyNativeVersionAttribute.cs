// Compile-only stand-in for the one nanoFramework.CoreLibrary 1.17.11 (mscorlib) type the TinyMl interop assembly uses
// that .NET lacks. The Linux build of TinyMl references this assembly; the Visual Studio build (TinyMl.nfproj) gets
// the real attribute from mscorlib. Keeping it out of TinyMl.dll keeps the type table (and so the native method table
// and checksum) identical to the nanoFramework build.
namespace System.Reflection
{
    /// <summary>The native version an interop assembly requires; checked against the firmware's at deploy time.</summary>
    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class, Inherited = false)]
    public sealed class AssemblyNativeVersionAttribute : Attribute
    {
        private readonly string _nativeVersion;

        public AssemblyNativeVersionAttribute(string version)
        {
            _nativeVersion = version;
        }

        public string NativeVersion
        {
            get { return _nativeVersion; }
        }
    }
}

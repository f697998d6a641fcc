using System.Reflection;

[assembly: AssemblyTitle("TinyMl")]
[assembly: AssemblyDescription("Managed API over the TinyMl native engine (nanoFramework interop assembly)")]
[assembly: AssemblyProduct("TinyMlDevice")]
[assembly: AssemblyVersion("1.0.0.0")]

// The native side checks this against the version in g_CLR_AssemblyNative_TinyMl: change both together whenever a
// native method's signature changes (the stub generator writes the native one from this attribute).
[assembly: AssemblyNativeVersion("1.1.0.0")]

extern alias awesome;
extern alias device;
extern alias resources;
extern alias shapes;

using System.Text;
using TinyMl.StubGenerator;

namespace TinyMl.Interop.Tests;

public class StubGeneratorTests
{
    private static readonly string DeviceAssembly = typeof(device::TinyMl.Model).Assembly.Location;
    private static readonly string AwesomeLib = typeof(awesome::NF.AwesomeLib.Math).Assembly.Location;
    private static readonly string SignatureShapes = typeof(shapes::nanoFramework.Runtime.Native.Power).Assembly.Location;
    private static readonly string ResourceManager = typeof(resources::System.Resources.ResourceManager).Assembly.Location;

    [Fact]
    public void CheckedInStubsAreWhatTheGeneratorWritesForTinyMl()
    {
        string temp = Directory.CreateTempSubdirectory("tinyml-stubs-").FullName;
        try
        {
            StubSet.FromAssembly(DeviceAssembly).WriteTo(temp);
            string checkedIn = Repository.Path("native-interop", "nanoclr");
            var problems = new List<string>();
            foreach (string generated in Directory.GetFiles(temp).Order(StringComparer.Ordinal))
            {
                string name = System.IO.Path.GetFileName(generated);
                string repoFile = System.IO.Path.Combine(checkedIn, name);
                if (!File.Exists(repoFile))
                {
                    problems.Add($"{name}: generated but not checked in");
                }
                else if (File.ReadAllText(repoFile) != File.ReadAllText(generated))
                {
                    problems.Add($"{name}: differs from the generator's output ({FirstDifference(File.ReadAllText(repoFile), File.ReadAllText(generated))})");
                }
            }

            // A class that lost its natives leaves generated files behind.
            foreach (string stale in Directory.GetFiles(checkedIn)
                         .Select(System.IO.Path.GetFileName)
                         .Where(n => n!.EndsWith("_mshl.cpp", StringComparison.Ordinal) || (n.StartsWith("TinyMl_TinyMl_", StringComparison.Ordinal) && n.EndsWith(".h", StringComparison.Ordinal)))
                         .Where(n => !File.Exists(System.IO.Path.Combine(temp, n!)))!)
            {
                problems.Add($"{stale}: checked in but no longer generated");
            }

            Assert.True(problems.Count == 0,
                "native-interop/nanoclr is out of date; regenerate it (native-interop/nanoclr/README.md):\n" + string.Join("\n", problems));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Fact]
    public void TinyMlHasNoTypeWhosePresenceDependsOnTheCompiler()
    {
        // StubSet refuses compiler-generated types and unnamable fields; generating at all is the check.
        Assert.NotEmpty(StubSet.FromAssembly(DeviceAssembly).Files);
    }

    // The interop sample's stubs as three metadata processor generations wrote them (nanoframework/Samples,
    // samples/Interop/awesome-library/Stubs/NF.AwesomeLib/NF_AwesomeLib.cpp, successive versions).
    [Theory]
    [InlineData(ChecksumFlavor.Current, 0x94FA78F3u)]
    [InlineData(ChecksumFlavor.NullMarker, 0xEE794AFBu)]
    [InlineData(ChecksumFlavor.Original, 0xBB94F141u)]
    public void ChecksumOfTheInteropSampleIsTheMetadataProcessors(ChecksumFlavor flavor, uint expected)
    {
        Assert.Equal(expected, StubSet.FromAssembly(AwesomeLib, flavor).Checksum);
    }

    // nanoFramework.ResourceManager as nf-interpreter carries it (src/nanoFramework.ResourceManager/
    // nf_system_resourcemanager.cpp, native versions 100.0.0.1 and 100.2.0.0): two types where the second calls the
    // first, instance and static natives interleaved with managed methods.
    [Theory]
    [InlineData(ChecksumFlavor.NullMarker, 0xDCD7DF4Du)]
    [InlineData(ChecksumFlavor.NullptrMarker, 0x874533DFu)]
    public void ChecksumOfTheResourceManagerIsTheMetadataProcessors(ChecksumFlavor flavor, uint expected)
    {
        Assert.Equal(expected, StubSet.FromAssembly(ResourceManager, flavor).Checksum);
    }

    [Fact]
    public void LookupTableOfTheResourceManagerIsNfInterpretersOwn()
    {
        const string rm = "Library_nanoFramework_ResourceManager_System_Resources_ResourceManager::";
        const string ru = "Library_nanoFramework_ResourceManager_nanoFramework_Runtime_Native_ResourceUtility::";
        string[] expected =
        [
            rm + "GetObjectInternal___OBJECT__I2", rm + "GetObjectInternal___OBJECT__I2__I4__I4",
            .. Enumerable.Repeat("nullptr", 9),
            rm + "FindResource___STATIC__I4__STRING__SystemReflectionAssembly",
            rm + "GetObject___STATIC__OBJECT__SystemResourcesResourceManager__SystemEnum",
            ru + "GetObject___STATIC__OBJECT__SystemResourcesResourceManager__SystemEnum",
            ru + "GetObject___STATIC__OBJECT__SystemResourcesResourceManager__SystemEnum__I4__I4",
            "nullptr", "nullptr",
        ];
        Assert.Equal(expected, LookupEntries(Text(StubSet.FromAssembly(ResourceManager), "nanoFramework_ResourceManager.cpp")));
    }

    [Fact]
    public void LookupTableOfTheInteropSampleHasAnEntryPerMethodInTableOrder()
    {
        Assert.Equal(
        [
            "nullptr", // Math.SuperComplicatedCalculation (instance)
            "nullptr", // Math..ctor
            "Library_NF_AwesomeLib_NF_AwesomeLib_Math::NativeSuperComplicatedCalculation___STATIC__R8__R8",
            "nullptr", // Utilities..ctor (instance methods before static ones)
            "nullptr", // Utilities.get_HardwareSerial
            "Library_NF_AwesomeLib_NF_AwesomeLib_Utilities::NativeGetHardwareSerial___STATIC__VOID__SZARRAY_U1",
        ], LookupEntries(Text(StubSet.FromAssembly(AwesomeLib), "NF_AwesomeLib.cpp")));
    }

    [Fact]
    public void StaticFieldsAreNumberedAcrossTheAssembly()
    {
        Assert.Contains("    static const int FIELD_STATIC___hardwareSerial = 0;\n", Text(StubSet.FromAssembly(AwesomeLib), "NF_AwesomeLib.h"));
    }

    [Fact]
    public void InstanceFieldsOfAnExceptionNumberAfterSystemExceptionsFour()
    {
        Assert.Contains("struct Library_TinyMl_TinyMl_TinyMlException\n{\n    static const int FIELD___status = 5;\n",
            Text(StubSet.FromAssembly(DeviceAssembly), "TinyMl.h"));
    }

    // Mangled names as they appear in nf-interpreter's sources (nf_rt_native.h/.cpp) and nanoFramework's docs
    // (architecture/nanoclr-stub-args), for declarations with the same signatures.
    [Theory]
    [InlineData("NativeReboot___STATIC__VOID__nanoFrameworkRuntimeNativeRebootOption")]
    [InlineData("get_OEMString___STATIC__STRING")]
    [InlineData("GetSystemVersion___STATIC__VOID__BYREF_I4__BYREF_I4__BYREF_I4__BYREF_I4")]
    [InlineData("Native_RTC_SetSystemTime___STATIC__BOOLEAN__I4__U1__U1__U1__U1__U1__U1")]
    [InlineData("get_TickCount64___STATIC__I8")]
    [InlineData("NativeTransfer___VOID__SZARRAY_U2__SZARRAY_U2__BOOLEAN")]
    [InlineData("NativeGetVoltage___STATIC__VOID__BYREF_nanoFrameworkHardwareEsp32TouchTouchHighVoltage__BYREF_nanoFrameworkHardwareEsp32TouchTouchLowVoltage__BYREF_nanoFrameworkHardwareEsp32TouchTouchHighVoltageAttenuation")]
    public void MangledNamesMatchNanoFrameworksOwn(string name)
    {
        Assert.Contains($"NANOCLR_NATIVE_DECLARE({name});", Text(StubSet.FromAssembly(SignatureShapes), "SignatureShapes.h"));
    }

    [Fact]
    public void InstanceMethodsMarshalTheirArgumentsFromIndexOne()
    {
        string marshalling = Text(StubSet.FromAssembly(SignatureShapes), "SignatureShapes_System_Device_Spi_SpiDevice_mshl.cpp");
        Assert.Contains("Interop_Marshal_UINT16_ARRAY( stack, 1, param0 )", marshalling);
        Assert.Contains("Interop_Marshal_bool( stack, 3, param2 )", marshalling);
    }

    [Fact]
    public void Crc32IsMsbFirstWithoutReflectionOrFinalXor()
    {
        // CRC-32/POSIX's check value (0x765E7680) before its final XOR.
        Assert.Equal(0x89A1897Fu, NativeChecksum.Crc32(Encoding.ASCII.GetBytes("123456789"), 0));
    }

    private static string Text(StubSet stubs, string name) => stubs.Files.Single(f => f.Name == name).Text;

    private static string[] LookupEntries(string lookupFile)
    {
        const string start = "method_lookup[] =\n{\n";
        string table = lookupFile[(lookupFile.IndexOf(start, StringComparison.Ordinal) + start.Length)..];
        return table[..table.IndexOf("};", StringComparison.Ordinal)].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim().TrimEnd(',')).ToArray();
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] e = expected.Split('\n'), a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end>", al = i < a.Length ? a[i] : "<end>";
            if (el != al)
            {
                return $"line {i + 1}: checked in '{el}', generated '{al}'";
            }
        }

        return "line ends";
    }
}

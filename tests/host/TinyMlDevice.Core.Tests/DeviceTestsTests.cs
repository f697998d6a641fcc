using System.Reflection;

namespace TinyMlDevice.Core.Tests;

// The nanoFramework unit tests of tests/device, run here through the test framework's facade: the same test code that
// runs on a board, against the same core, over the host engine. Each [TestMethod] is one case.
public class DeviceTestsTests
{
    private static readonly Assembly Device = typeof(DeviceTests.ConfigParserTests).Assembly;

    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (Type type in Device.GetTypes().Where(t => Has(t, "TestClassAttribute")).OrderBy(t => t.Name))
        {
            foreach (MethodInfo method in type.GetMethods().Where(m => Has(m, "TestMethodAttribute")))
            {
                data.Add(type.Name + "." + method.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Passes(string test)
    {
        string[] parts = test.Split('.');
        Type type = Device.GetTypes().Single(t => t.Name == parts[0] && Has(t, "TestClassAttribute"));
        object instance = Activator.CreateInstance(type)!;
        try
        {
            type.GetMethod(parts[1])!.Invoke(instance, null);
        }
        catch (TargetInvocationException e)
        {
            Assert.Fail(e.InnerException!.GetType().Name + ": " + e.InnerException.Message);
        }
    }

    [Fact]
    public void EveryCoreTestClassHasADeviceMirror()
    {
        string[] mirrored = Device.GetTypes().Where(t => Has(t, "TestClassAttribute")).Select(t => t.Name).ToArray();
        foreach (string name in new[]
        {
            "ConfigParserTests", "PosteriorSmootherTests", "FeatureRingTests", "WindowBufferTests", "AlarmStateMachineTests",
            "RetryBackoffTests", "ReportCodecTests", "BaselineRecordTests", "VibrationPipelineTests", "DeviceAppTests",
        })
        {
            Assert.Contains(name, mirrored);
        }
    }

    private static bool Has(MemberInfo member, string attribute) =>
        member.GetCustomAttributes(false).Any(a => a.GetType().Name == attribute);
}

extern alias device;

using System.Reflection;

namespace TinyMl.Interop.Tests;

// Device code compiles against firmware/TinyMl and is tested on the host against firmware/TinyMl.Host: the two must
// expose the same public API, member for member.
public class ApiParityTests
{
    private static readonly Assembly Host = typeof(TinyMl.Model).Assembly;
    private static readonly Assembly Device = typeof(device::TinyMl.Model).Assembly;

    [Fact]
    public void DeviceAssemblyDeclaresEveryPublicTypeOfTheHostBindingAndNoOther()
    {
        Assert.Equal(Names(Host.GetExportedTypes()), Names(Device.GetExportedTypes()));
    }

    [Fact]
    public void EveryPublicTypeHasTheSameShape()
    {
        var differences = new List<string>();
        foreach (Type host in Host.GetExportedTypes())
        {
            Type? dev = Device.GetType(host.FullName!);
            if (dev == null)
            {
                continue; // reported by the test above
            }

            Compare(host.FullName!, "kind", Kind(host), Kind(dev), differences);
            Compare(host.FullName!, "base type", host.BaseType?.FullName, dev.BaseType?.FullName, differences);
            Compare(host.FullName!, "interfaces", Names(host.GetInterfaces()), Names(dev.GetInterfaces()), differences);
            Compare(host.FullName!, "members", Members(host), Members(dev), differences);
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    private static void Compare<T>(string type, string what, T host, T device, List<string> differences)
    {
        string h = host is IEnumerable<string> hs ? string.Join("\n    ", hs) : $"{host}";
        string d = device is IEnumerable<string> ds ? string.Join("\n    ", ds) : $"{device}";
        if (h != d)
        {
            differences.Add($"{type} {what} differ:\n  host:\n    {h}\n  device:\n    {d}");
        }
    }

    private static List<string> Names(IEnumerable<Type> types) => types.Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();

    private static string Kind(Type t) =>
        (t.IsEnum ? "enum" : t.IsValueType ? "struct" : t.IsInterface ? "interface" : "class") +
        (t.IsSealed && !t.IsEnum ? " sealed" : "") + (t.IsAbstract && !t.IsInterface ? " abstract" : "");

    // Every public member with its signature as a caller sees it: names, types, parameter names, static, accessors.
    private static List<string> Members(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var members = new List<string>();
        foreach (MemberInfo m in type.GetMembers(all))
        {
            switch (m)
            {
                case ConstructorInfo c:
                    members.Add($"{Static(c.IsStatic)}.ctor({Parameters(c)})");
                    break;
                case MethodInfo method when !method.IsSpecialName:
                    members.Add($"{Static(method.IsStatic)}{(method.IsVirtual && !method.IsFinal ? "virtual " : "")}" +
                        $"{method.ReturnType.FullName} {method.Name}({Parameters(method)})");
                    break;
                case PropertyInfo p:
                    MethodInfo accessor = (p.GetMethod ?? p.SetMethod)!;
                    members.Add($"{Static(accessor.IsStatic)}{p.PropertyType.FullName} {p.Name} {{ " +
                        $"{(p.GetMethod?.IsPublic == true ? "get; " : "")}{(p.SetMethod?.IsPublic == true ? "set; " : "")}}}");
                    break;
                case FieldInfo f:
                    string value = f.IsLiteral ? " = " + f.GetRawConstantValue() : "";
                    members.Add($"{Static(f.IsStatic)}{(f.IsLiteral ? "const " : "")}{f.FieldType.FullName} {f.Name}{value}");
                    break;
                case EventInfo e:
                    members.Add($"event {e.EventHandlerType?.FullName} {e.Name}");
                    break;
            }
        }

        return members.Order(StringComparer.Ordinal).ToList();
    }

    private static string Static(bool isStatic) => isStatic ? "static " : "";

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{p.ParameterType.FullName} {p.Name}"));
}

using System.Reflection;

namespace TinyMl.Host.Tests;

// firmware/TinyMl exposes the same public types on nanoFramework 1.x: no generics, Span, tuples, nullable
// value types or pointers may appear in a public signature.
public class ApiSurfaceTests
{
    [Fact]
    public void PublicSignaturesStayInTheNanoFrameworkSubset()
    {
        var offending = new List<string>();
        foreach (Type type in typeof(Model).Assembly.GetExportedTypes())
        {
            if (type.IsGenericType)
            {
                offending.Add(type.FullName!);
            }

            foreach (MemberInfo member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                foreach (Type used in SignatureTypes(member))
                {
                    if (!Expressible(used))
                    {
                        offending.Add($"{type.Name}.{member.Name}: {used}");
                    }
                }
            }
        }

        Assert.Empty(offending);
    }

    private static IEnumerable<Type> SignatureTypes(MemberInfo member) => member switch
    {
        MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        PropertyInfo p => [p.PropertyType],
        FieldInfo f => [f.FieldType],
        _ => [],
    };

    private static bool Expressible(Type type)
    {
        if (type.IsArray)
        {
            return type.GetArrayRank() == 1 && Expressible(type.GetElementType()!);
        }

        return !type.IsGenericType && !type.IsByRefLike && !type.IsPointer && !type.IsByRef;
    }
}

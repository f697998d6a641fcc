using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TinyMl.StubGenerator;

internal sealed class NanoField(string name, bool isStatic, bool isLiteral)
{
    public string Name { get; } = name;

    public bool IsStatic { get; } = isStatic;

    /// <summary>A const: no storage, so no FIELD constant.</summary>
    public bool IsLiteral { get; } = isLiteral;
}

internal sealed class NanoMethod(string name, MethodAttributes attributes, int rva, MethodSignature<SigType> signature,
    MethodDefinitionHandle handle)
{
    public string Name { get; } = name;

    public bool IsStatic { get; } = (attributes & MethodAttributes.Static) != 0;

    public bool IsVirtual { get; } = (attributes & MethodAttributes.Virtual) != 0;

    public bool IsAbstract { get; } = (attributes & MethodAttributes.Abstract) != 0;

    public bool HasBody { get; } = rva != 0;

    /// <summary>The metadata processor's test: no IL body (RVA 0) and not abstract.</summary>
    public bool IsNative => !HasBody && !IsAbstract;

    public MethodSignature<SigType> Signature { get; } = signature;

    public MethodDefinitionHandle Handle { get; } = handle;

    public override string ToString() => Name;
}

internal sealed class NanoType
{
    public required TypeDefinitionHandle Handle { get; init; }

    public required string Namespace { get; init; }

    public required string Name { get; init; }

    /// <summary>Mono.Cecil's FullName: "Namespace.Name", nested "Outer/Inner".</summary>
    public required string FullName { get; init; }

    public NanoType? DeclaringType { get; set; }

    public required string? BaseTypeFullName { get; init; }

    public required bool IsInterface { get; init; }

    public required bool IsCompilerGenerated { get; init; }

    public required IReadOnlyList<NanoMethod> Methods { get; init; }

    public required IReadOnlyList<NanoField> Fields { get; init; }

    public required IReadOnlyList<TypeDefinitionHandle> InterfacesInModule { get; init; }

    /// <summary>Enum members in metadata order, with their constant values; empty for other types.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> EnumItems { get; init; }

    public bool IsEnum => BaseTypeFullName == "System.Enum";

    public bool IsDelegate => BaseTypeFullName is "System.MulticastDelegate" or "System.Delegate";

    /// <summary>TypeDefinitionExtensions.IncludeInStub: classes and value types, not delegates (nor interfaces or enums).</summary>
    public bool IncludeInStub => !IsInterface && !IsEnum && !IsDelegate;

    public override string ToString() => FullName;
}

/// <summary>The parts of a compiled assembly's metadata the metadata processor's stub generation reads.</summary>
internal sealed class InteropAssembly
{
    private InteropAssembly(string name, Version nativeVersion, IReadOnlyList<NanoType> types,
        IReadOnlyList<NanoType> typeTable)
    {
        Name = name;
        NativeVersion = nativeVersion;
        Types = types;
        TypeTable = typeTable;
    }

    public string Name { get; }

    /// <summary>From [assembly: AssemblyNativeVersion("a.b.c.d")].</summary>
    public Version NativeVersion { get; }

    /// <summary>Every type but &lt;Module&gt;, ordered by full name (nanoTypeDefinitionTable.TypeDefinitions).</summary>
    public IReadOnlyList<NanoType> Types { get; }

    /// <summary>The type definition table in its nanoCLR order (nanoTypeDefinitionTable.Items): by name, then each
    /// type after the types its declaring type, interfaces and called methods' signatures need.</summary>
    public IReadOnlyList<NanoType> TypeTable { get; }

    public static InteropAssembly Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        var provider = new SigTypeProvider();

        var byHandle = new Dictionary<TypeDefinitionHandle, NanoType>();
        foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            string fullName = Names.FullName(reader, handle);
            if (fullName == "<Module>")
            {
                continue;
            }

            byHandle.Add(handle, ReadType(reader, provider, handle, fullName));
        }

        foreach ((TypeDefinitionHandle handle, NanoType type) in byHandle)
        {
            TypeDefinitionHandle declaring = reader.GetTypeDefinition(handle).GetDeclaringType();
            type.DeclaringType = declaring.IsNil ? null : byHandle[declaring];
        }

        List<NanoType> types = byHandle.Values.OrderBy(t => t.FullName, MetadataProcessorOrder.Names).ToList();
        List<NanoType> table = MetadataProcessorOrder.TypeTable(types, byHandle, reader, pe, provider);
        return new InteropAssembly(reader.GetString(reader.GetAssemblyDefinition().Name), ReadNativeVersion(reader),
            types, table);
    }

    private static NanoType ReadType(MetadataReader reader, SigTypeProvider provider, TypeDefinitionHandle handle,
        string fullName)
    {
        TypeDefinition type = reader.GetTypeDefinition(handle);
        var methods = new List<NanoMethod>();
        foreach (MethodDefinitionHandle m in type.GetMethods())
        {
            MethodDefinition method = reader.GetMethodDefinition(m);
            methods.Add(new NanoMethod(reader.GetString(method.Name), method.Attributes, method.RelativeVirtualAddress,
                method.DecodeSignature(provider, null), m));
        }

        var fields = new List<NanoField>();
        var enumItems = new List<KeyValuePair<string, string>>();
        string? baseType = type.BaseType.IsNil ? null : Names.FullName(reader, type.BaseType);
        foreach (FieldDefinitionHandle f in type.GetFields())
        {
            FieldDefinition field = reader.GetFieldDefinition(f);
            string name = reader.GetString(field.Name);
            bool isStatic = (field.Attributes & FieldAttributes.Static) != 0;
            bool isLiteral = (field.Attributes & FieldAttributes.Literal) != 0;
            fields.Add(new NanoField(name, isStatic, isLiteral));
            if (baseType == "System.Enum" && name != "value__")
            {
                enumItems.Add(new(name, ConstantText(reader, field.GetDefaultValue())));
            }
        }

        var interfaces = new List<TypeDefinitionHandle>();
        foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations())
        {
            EntityHandle iface = reader.GetInterfaceImplementation(i).Interface;
            if (iface.Kind == HandleKind.TypeDefinition)
            {
                interfaces.Add((TypeDefinitionHandle)iface);
            }
        }

        return new NanoType
        {
            Handle = handle,
            Namespace = reader.GetString(type.Namespace),
            Name = reader.GetString(type.Name),
            FullName = fullName,
            BaseTypeFullName = baseType,
            IsInterface = (type.Attributes & TypeAttributes.Interface) != 0,
            IsCompilerGenerated = fullName.Contains('<') || HasAttribute(reader, type.GetCustomAttributes(),
                "System.Runtime.CompilerServices.CompilerGeneratedAttribute"),
            Methods = methods,
            Fields = fields,
            InterfacesInModule = interfaces,
            EnumItems = enumItems,
        };
    }

    // The constant as .NET prints the boxed value (Cecil's FieldDefinition.Constant.ToString()).
    private static string ConstantText(MetadataReader reader, ConstantHandle handle)
    {
        Constant constant = reader.GetConstant(handle);
        BlobReader blob = reader.GetBlobReader(constant.Value);
        object value = constant.TypeCode switch
        {
            ConstantTypeCode.SByte => blob.ReadSByte(),
            ConstantTypeCode.Byte => blob.ReadByte(),
            ConstantTypeCode.Int16 => blob.ReadInt16(),
            ConstantTypeCode.UInt16 => blob.ReadUInt16(),
            ConstantTypeCode.Int32 => blob.ReadInt32(),
            ConstantTypeCode.UInt32 => blob.ReadUInt32(),
            ConstantTypeCode.Int64 => blob.ReadInt64(),
            ConstantTypeCode.UInt64 => blob.ReadUInt64(),
            _ => throw new NotSupportedException($"enum constant of type {constant.TypeCode}"),
        };
        return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static bool HasAttribute(MetadataReader reader, CustomAttributeHandleCollection attributes, string fullName)
    {
        foreach (CustomAttributeHandle a in attributes)
        {
            if (AttributeTypeName(reader, reader.GetCustomAttribute(a)) == fullName)
            {
                return true;
            }
        }

        return false;
    }

    private static string AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default,
        };
        return type.IsNil ? "" : Names.FullName(reader, type);
    }

    // nanoSkeletonGenerator: the attribute is found by its simple name; a missing one is an error.
    private static Version ReadNativeVersion(MetadataReader reader)
    {
        foreach (CustomAttributeHandle a in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = reader.GetCustomAttribute(a);
            if (AttributeTypeName(reader, attribute).EndsWith(".AssemblyNativeVersionAttribute", StringComparison.Ordinal))
            {
                BlobReader blob = reader.GetBlobReader(attribute.Value);
                blob.ReadUInt16(); // prolog
                return new Version(blob.ReadSerializedString() ?? "");
            }
        }

        throw new InvalidDataException(
            "Missing AssemblyNativeVersionAttribute: add [assembly: AssemblyNativeVersion(\"1.0.0.0\")] to the assembly.");
    }
}

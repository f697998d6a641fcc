using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace TinyMl.StubGenerator;

/// <summary>Decodes signatures into <see cref="SigType"/>s named as Mono.Cecil names them.</summary>
internal sealed class SigTypeProvider : ISignatureTypeProvider<SigType, object?>
{
    // The metadata processor's primitive types (nanoSignaturesTable.PrimitiveTypes): full name -> nanoCLR data type.
    private static readonly Dictionary<string, string> Primitives = new(StringComparer.Ordinal)
    {
        ["System.Void"] = "VOID",
        ["System.SByte"] = "I1",
        ["System.Int16"] = "I2",
        ["System.Int32"] = "I4",
        ["System.Int64"] = "I8",
        ["System.Byte"] = "U1",
        ["System.UInt16"] = "U2",
        ["System.UInt32"] = "U4",
        ["System.UInt64"] = "U8",
        ["System.Single"] = "R4",
        ["System.Double"] = "R8",
        ["System.Char"] = "CHAR",
        ["System.String"] = "STRING",
        ["System.Boolean"] = "BOOLEAN",
        ["System.Object"] = "OBJECT",
        ["System.IntPtr"] = "I4",
        ["System.UIntPtr"] = "U4",
        ["System.WeakReference"] = "WEAKCLASS",
    };

    public SigType GetPrimitiveType(PrimitiveTypeCode typeCode)
    {
        string fullName = "System." + typeCode switch
        {
            PrimitiveTypeCode.Void => "Void",
            PrimitiveTypeCode.Boolean => "Boolean",
            PrimitiveTypeCode.Char => "Char",
            PrimitiveTypeCode.SByte => "SByte",
            PrimitiveTypeCode.Byte => "Byte",
            PrimitiveTypeCode.Int16 => "Int16",
            PrimitiveTypeCode.UInt16 => "UInt16",
            PrimitiveTypeCode.Int32 => "Int32",
            PrimitiveTypeCode.UInt32 => "UInt32",
            PrimitiveTypeCode.Int64 => "Int64",
            PrimitiveTypeCode.UInt64 => "UInt64",
            PrimitiveTypeCode.Single => "Single",
            PrimitiveTypeCode.Double => "Double",
            PrimitiveTypeCode.String => "String",
            PrimitiveTypeCode.Object => "Object",
            PrimitiveTypeCode.IntPtr => "IntPtr",
            PrimitiveTypeCode.UIntPtr => "UIntPtr",
            PrimitiveTypeCode.TypedReference => "TypedReference",
            _ => throw new NotSupportedException($"primitive type {typeCode}"),
        };
        bool isValueType = typeCode is not (PrimitiveTypeCode.String or PrimitiveTypeCode.Object);
        return Named(fullName, default, isValueType);
    }

    public SigType GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) =>
        Named(Names.FullName(r, handle), handle, rawTypeKind == (byte)SignatureTypeKind.ValueType);

    public SigType GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) =>
        Named(Names.FullName(r, handle), default, rawTypeKind == (byte)SignatureTypeKind.ValueType);

    public SigType GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
        r.GetTypeSpecification(handle).DecodeSignature(this, context);

    public SigType GetSZArrayType(SigType elementType) => SigType.OfArray(elementType);

    public SigType GetByReferenceType(SigType elementType) => SigType.OfByRef(elementType);

    public SigType GetPointerType(SigType elementType) => SigType.OfPointer(elementType);

    public SigType GetPinnedType(SigType elementType) => elementType;

    public SigType GetModifiedType(SigType modifier, SigType unmodifiedType, bool isRequired) => unmodifiedType;

    public SigType GetGenericTypeParameter(object? context, int index) => SigType.OfGenericParameter("!" + index);

    public SigType GetGenericMethodParameter(object? context, int index) => SigType.OfGenericParameter("!!" + index);

    public SigType GetGenericInstantiation(SigType genericType, ImmutableArray<SigType> typeArguments) =>
        SigType.OfOther(genericType.FullName + "<" + string.Join(",", typeArguments.Select(t => t.FullName)) + ">", genericType);

    public SigType GetArrayType(SigType elementType, ArrayShape shape) =>
        SigType.OfOther(elementType.FullName + "[" + new string(',', shape.Rank - 1) + "]", elementType);

    public SigType GetFunctionPointerType(MethodSignature<SigType> signature) => SigType.OfOther("method", null);

    private static SigType Named(string fullName, TypeDefinitionHandle definition, bool isValueType) =>
        Primitives.TryGetValue(fullName, out string? primitive)
            ? SigType.OfPrimitive(fullName, primitive, isValueType)
            : SigType.OfNamed(fullName, definition, isValueType);
}

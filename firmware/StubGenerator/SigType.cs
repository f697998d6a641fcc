using System.Reflection.Metadata;

namespace TinyMl.StubGenerator;

internal enum SigKind
{
    Primitive,
    Named,
    SZArray,
    ByRef,
    Pointer,
    GenericParameter,
    Other,
}

/// <summary>A type as it appears in a signature, with what the metadata processor's naming rules look at.</summary>
internal sealed class SigType
{
    private SigType(SigKind kind, string fullName, SigType? element, TypeDefinitionHandle definition, bool isValueType,
        string? primitive)
    {
        Kind = kind;
        FullName = fullName;
        Element = element;
        Definition = definition;
        IsValueType = isValueType;
        Primitive = primitive;
    }

    public SigKind Kind { get; }

    /// <summary>Mono.Cecil's spelling (what the metadata processor uses): "System.Int32", "Outer/Inner", "System.Byte[]".</summary>
    public string FullName { get; }

    public SigType? Element { get; }

    /// <summary>The type's definition when it is declared in the assembly being processed.</summary>
    public TypeDefinitionHandle Definition { get; }

    public bool IsValueType { get; }

    /// <summary>The nanoCLR data type name (without DATATYPE_) for the metadata processor's primitive types.</summary>
    public string? Primitive { get; }

    /// <summary>Mono.Cecil's GetElementType(): through every array, by-ref, pointer and instantiation to the innermost type.</summary>
    public SigType Innermost => Element == null ? this : Element.Innermost;

    public static SigType OfPrimitive(string fullName, string primitive, bool isValueType) =>
        new(SigKind.Primitive, fullName, null, default, isValueType, primitive);

    public static SigType OfNamed(string fullName, TypeDefinitionHandle definition, bool isValueType) =>
        new(SigKind.Named, fullName, null, definition, isValueType, null);

    public static SigType OfArray(SigType element) => new(SigKind.SZArray, element.FullName + "[]", element, default, false, null);

    public static SigType OfByRef(SigType element) => new(SigKind.ByRef, element.FullName + "&", element, default, false, null);

    public static SigType OfPointer(SigType element) => new(SigKind.Pointer, element.FullName + "*", element, default, false, null);

    public static SigType OfGenericParameter(string name) => new(SigKind.GenericParameter, name, null, default, false, null);

    public static SigType OfOther(string fullName, SigType? element) => new(SigKind.Other, fullName, element, default, false, null);
}

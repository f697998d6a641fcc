using System.Text.RegularExpressions;

namespace TinyMl.StubGenerator;

/// <summary>
/// The C/C++ names the metadata processor derives from metadata (NativeMethodsCrc.GetSafeClassName/GetSafeMethodName,
/// TypeReferenceExtensions.ToNativeTypeAsString/ToCLRTypeAsString); native-interop/nanoclr/README.md lists the rules.
/// </summary>
internal static partial class NativeNames
{
    /// <summary>Declaring types, namespace and name joined by '_', dots made '_', leading '_' trimmed: "TinyMl_Model".</summary>
    public static string ClassName(NanoType? type)
    {
        if (type == null)
        {
            return "";
        }

        string name = string.Join("_", ClassName(type.DeclaringType), type.Namespace, type.Name).Replace(".", "_").TrimStart('_');
        return CleanupGeneric(name);
    }

    /// <summary>Name, ___STATIC__ or ___, then return and parameter types joined by "__": "Load___STATIC__I4__SZARRAY_U1".</summary>
    public static string MethodName(NanoMethod method)
    {
        IEnumerable<string> types = method.Signature.ParameterTypes.Prepend(method.Signature.ReturnType).Select(TypeToken);
        string name = method.Name + (method.IsStatic ? "___STATIC__" : "___") + string.Join("__", types);
        return CleanupGeneric(name.Replace(".", "_").Replace("/", ""));
    }

    /// <summary>One signature type: the nanoCLR data type (I4, R4, STRING, OBJECT...), SZARRAY_x, BYREF_x, or the full name without dots.</summary>
    public static string TypeToken(SigType type)
    {
        string token;
        if (type.Kind == SigKind.SZArray)
        {
            token = "SZARRAY_" + TypeToken(type.Innermost);
        }
        else if (type.Kind == SigKind.ByRef)
        {
            SigType element = type.Element!;
            token = "BYREF_" + (element.Kind == SigKind.SZArray ? "SZARRAY_" + TypeToken(element.Element!) : ClrTypeName(element));
        }
        else
        {
            token = ClrTypeName(type);
        }

        return token.Replace("DATATYPE_", "");
    }

    // GetNanoCLRTypeName.
    private static string ClrTypeName(SigType type) => type.Kind switch
    {
        SigKind.Primitive => type.Primitive!,
        SigKind.GenericParameter => "GENERICTYPE",
        SigKind.Pointer when type.Element!.Kind == SigKind.Primitive => type.Element.Primitive + "ptr",
        _ => CleanupGeneric(type.FullName.Replace(".", "")),
    };

    /// <summary>The C++ type of a parameter or return value in the implementation functions (ToNativeTypeAsString).</summary>
    public static string NativeType(SigType type)
    {
        if (type.Kind == SigKind.Primitive)
        {
            return type.Primitive switch
            {
                "VOID" => "void",
                "BOOLEAN" => "bool",
                "CHAR" => "char",
                "I1" => "int8_t",
                "U1" => "uint8_t",
                "I2" => "int16_t",
                "U2" => "uint16_t",
                "I4" => "signed int",
                "U4" => "unsigned int",
                "I8" => "int64_t",
                "U8" => "uint64_t",
                "R4" => "float",
                "R8" => "double",
                "STRING" => "const char*",
                _ => "UNSUPPORTED",
            };
        }

        return type.Kind switch
        {
            SigKind.SZArray => "CLR_RT_TypedArray_" + MarshalName(type.Innermost),
            SigKind.Named or SigKind.Other or SigKind.GenericParameter => "UNSUPPORTED",
            _ => "",
        };
    }

    /// <summary>The suffix of Interop_Marshal_* and SetResult_* for a type (ToCLRTypeAsString): INT32, float, UINT8_ARRAY, LPCSTR.</summary>
    public static string MarshalName(SigType type)
    {
        if (type.Kind == SigKind.Primitive)
        {
            return type.Primitive switch
            {
                "VOID" => "void",
                "BOOLEAN" => "bool",
                "CHAR" => "CHAR",
                "I1" => "INT8",
                "U1" => "UINT8",
                "I2" => "INT16",
                "U2" => "UINT16",
                "I4" => "INT32",
                "U4" => "UINT32",
                "I8" => "INT64",
                "U8" => "UINT64",
                "R4" => "float",
                "R8" => "double",
                "STRING" => "LPCSTR",
                _ => "UNSUPPORTED",
            };
        }

        return type.Kind switch
        {
            SigKind.SZArray => MarshalName(type.Innermost) + "_ARRAY",
            SigKind.Named or SigKind.Other or SigKind.GenericParameter => "UNSUPPORTED",
            _ => "",
        };
    }

    // CleanupGenericName: backtick arity marks become '_', "<...>" argument lists go.
    private static string CleanupGeneric(string name) => GenericArguments().Replace(name.Replace('`', '_'), "");

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex GenericArguments();
}

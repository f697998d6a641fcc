namespace TinyMl.StubGenerator;

/// <summary>One parameter of a native method in the marshalling code: its local declaration and the Interop_Marshal_ call.</summary>
internal sealed record NativeParameter(string Declaration, string Marshalling);

/// <summary>How the marshalling code calls a native method's implementation function (nanoSkeletonGenerator.GenerateStubs).</summary>
internal sealed record NativeCall(string ReturnType, string ReturnMarshal, bool HasReturn, string Declaration, string Call,
    IReadOnlyList<NativeParameter> Parameters)
{
    public static NativeCall Of(NanoMethod method)
    {
        var parameters = new List<NativeParameter>();
        var declaration = new List<string>();
        var call = new List<string>();
        int index = 0;
        foreach (SigType type in method.Signature.ParameterTypes)
        {
            string name = "param" + index;
            int stackIndex = index + (method.IsStatic ? 0 : 1); // instance methods: argument 0 is 'this'
            if (type.Kind == SigKind.ByRef)
            {
                string native = NativeNames.NativeType(type.Innermost);
                declaration.Add($"{native}& {name}");
                call.Add("*" + name);
                parameters.Add(new($"{native} *{name};\n        uint8_t heapblock{index}[CLR_RT_HEAP_BLOCK_SIZE];",
                    $"Interop_Marshal_{NativeNames.MarshalName(type.Innermost)}_ByRef( stack, heapblock{index}, {stackIndex}, {name} )"));
            }
            else
            {
                string native = NativeNames.NativeType(type);
                declaration.Add($"{native} {name}");
                call.Add(name);
                parameters.Add(new($"{native} {name};", $"Interop_Marshal_{NativeNames.MarshalName(type)}( stack, {stackIndex}, {name} )"));
            }

            index++;
        }

        // The processor writes "( " then each "x, " then "HRESULT &hr )", or " HRESULT &hr )" when there is no parameter.
        string declared = declaration.Count > 0 ? string.Join(", ", declaration) + ", HRESULT &hr )" : " HRESULT &hr )";
        string called = call.Count > 0 ? string.Join(", ", call) + ", hr )" : " hr )";
        SigType returnType = method.Signature.ReturnType;
        return new NativeCall(NativeNames.NativeType(returnType), NativeNames.MarshalName(returnType),
            returnType.FullName != "System.Void", method.Name + "( " + declared, method.Name + "( " + called, parameters);
    }
}

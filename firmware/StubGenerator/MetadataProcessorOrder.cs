using System.Globalization;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace TinyMl.StubGenerator;

/// <summary>The orders in which the metadata processor lays out types and methods (nanoTablesContext).</summary>
internal static class MetadataProcessorOrder
{
    /// <summary>
    /// Type names are sorted with .NET's default (culture-aware) string comparison; the invariant culture stands in for
    /// the build machine's. For ASCII identifiers that differ in more than case or punctuation both give one order.
    /// </summary>
    public static readonly StringComparer Names = StringComparer.InvariantCulture;

    /// <summary>GetOrderedMethods: virtual methods, then other instance methods, then static ones, each in metadata order.</summary>
    public static IEnumerable<NanoMethod> Methods(NanoType type) =>
        type.Methods.Where(m => m.IsVirtual)
            .Concat(type.Methods.Where(m => !m.IsVirtual && !m.IsStatic))
            .Concat(type.Methods.Where(m => m.IsStatic));

    /// <summary>
    /// SortTypesAccordingUsages: walking the types by name, each comes after its declaring type, the interfaces it
    /// implements (in this assembly), and the types of this assembly named in the return or parameter types of the
    /// methods its method bodies reference, each of those placed by the same rule.
    /// </summary>
    public static List<NanoType> TypeTable(List<NanoType> byName, Dictionary<TypeDefinitionHandle, NanoType> byHandle,
        MetadataReader reader, PEReader pe, SigTypeProvider provider)
    {
        var order = new List<NanoType>();
        var processed = new HashSet<string>(StringComparer.Ordinal);

        void Visit(NanoType type)
        {
            if (processed.Contains(type.FullName))
            {
                return;
            }

            if (type.DeclaringType != null)
            {
                Visit(type.DeclaringType);
            }

            foreach (TypeDefinitionHandle iface in type.InterfacesInModule)
            {
                Visit(byHandle[iface]);
            }

            if (!processed.Add(type.FullName))
            {
                return;
            }

            foreach (MethodSignature<SigType> called in CalledMethods(type, reader, pe, provider))
            {
                foreach (SigType used in called.ParameterTypes.Prepend(called.ReturnType))
                {
                    TypeDefinitionHandle definition = used.Innermost.Definition;
                    if (!definition.IsNil && byHandle.TryGetValue(definition, out NanoType? usedType))
                    {
                        Visit(usedType);
                    }
                }
            }

            order.Add(type);
        }

        foreach (NanoType type in byName)
        {
            Visit(type);
        }

        return order;
    }

    // Signatures of the methods referenced by the type's IL (call, callvirt, newobj, ldftn, ldvirtftn, jmp, ldtoken),
    // in method then instruction order.
    private static IEnumerable<MethodSignature<SigType>> CalledMethods(NanoType type, MetadataReader reader, PEReader pe,
        SigTypeProvider provider)
    {
        foreach (NanoMethod method in type.Methods)
        {
            int rva = reader.GetMethodDefinition(method.Handle).RelativeVirtualAddress;
            if (rva == 0)
            {
                continue;
            }

            foreach (int token in MethodTokens(pe.GetMethodBody(rva).GetILBytes()!))
            {
                MethodSignature<SigType>? signature = Signature(reader, provider, MetadataTokens.EntityHandle(token));
                if (signature.HasValue)
                {
                    yield return signature.Value;
                }
            }
        }
    }

    private static MethodSignature<SigType>? Signature(MetadataReader reader, SigTypeProvider provider, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                return reader.GetMethodDefinition((MethodDefinitionHandle)handle).DecodeSignature(provider, null);
            case HandleKind.MemberReference:
                MemberReference member = reader.GetMemberReference((MemberReferenceHandle)handle);
                return member.GetKind() == MemberReferenceKind.Method ? member.DecodeMethodSignature(provider, null) : null;
            case HandleKind.MethodSpecification:
                return Signature(reader, provider, reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
            default:
                return null;
        }
    }

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value, op => op.OperandType);

    private static IEnumerable<int> MethodTokens(byte[] il)
    {
        int pos = 0;
        while (pos < il.Length)
        {
            short code = il[pos] == 0xFE ? (short)(0xFE00 | il[pos + 1]) : il[pos];
            pos += il[pos] == 0xFE ? 2 : 1;
            OperandType operand = Operands.TryGetValue(code, out OperandType known)
                ? known
                : throw new InvalidDataException("unknown IL opcode 0x" + code.ToString("X", CultureInfo.InvariantCulture));
            switch (operand)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                    int token = BitConverter.ToInt32(il, pos);
                    int table = token >>> 24;
                    if (table is 0x06 or 0x0A or 0x2B)
                    {
                        yield return token;
                    }

                    pos += 4;
                    break;
                case OperandType.InlineSwitch:
                    pos += 4 + 4 * BitConverter.ToInt32(il, pos);
                    break;
                default:
                    pos += OperandSize(operand);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}

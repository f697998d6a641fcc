using Microsoft.CodeAnalysis;

namespace NanoSubset.Analyzers;

/// <summary>The diagnostics: one per C# feature nanoFramework 1.x cannot run, all errors.</summary>
public static class NanoSubsetRules
{
    private const string Category = "nanoFramework";

    public static readonly DiagnosticDescriptor GenericDeclaration = Rule("NANO001", "Generic declaration",
        "'{0}' declares type parameters: nanoFramework 1.x has no generics (user generic types crash the runtime)");

    public static readonly DiagnosticDescriptor GenericUse = Rule("NANO002", "Generic type or method",
        "'{0}' is generic: nanoFramework 1.x has no generics; use a non-generic type or overload");

    public static readonly DiagnosticDescriptor Linq = Rule("NANO003", "LINQ",
        "{0}: LINQ does not exist on nanoFramework 1.x; write the loop");

    public static readonly DiagnosticDescriptor Async = Rule("NANO004", "async/await",
        "{0}: async/await does not exist on nanoFramework 1.x; use a thread or poll");

    public static readonly DiagnosticDescriptor NullableValueType = Rule("NANO005", "Nullable value type",
        "'{0}' is a nullable value type: Nullable<T> does not exist on nanoFramework 1.x; use a flag or a sentinel value");

    public static readonly DiagnosticDescriptor Span = Rule("NANO006", "Span or Memory",
        "'{0}' does not exist on nanoFramework 1.x; use arrays with offsets (SpanByte for bytes)");

    public static readonly DiagnosticDescriptor GenericCollection = Rule("NANO007", "Generic collection",
        "'{0}' does not exist on nanoFramework 1.x; use an array, ArrayList or Hashtable");

    public static readonly DiagnosticDescriptor Tuple = Rule("NANO008", "Tuple",
        "{0}: tuples do not exist on nanoFramework 1.x; use a small class or out parameters");

    public static readonly DiagnosticDescriptor Record = Rule("NANO009", "Record",
        "'{0}' is a record: records are not supported on nanoFramework 1.x; write a class");

    public static readonly DiagnosticDescriptor Decimal = Rule("NANO010", "decimal",
        "{0}: decimal does not exist on nanoFramework 1.x; use double or scaled integers");

    public static readonly DiagnosticDescriptor RangeOrIndex = Rule("NANO011", "Range or index",
        "{0}: ranges and from-end indices do not exist on nanoFramework 1.x; use explicit offsets and lengths");

    public static readonly DiagnosticDescriptor MultidimensionalArray = Rule("NANO012", "Multidimensional array",
        "{0}: multidimensional arrays are not supported on nanoFramework 1.x; use a flat array or a jagged one");

    public static readonly DiagnosticDescriptor DefaultInterfaceMember = Rule("NANO013", "Default interface member",
        "Interface member '{0}' has a body or is static: nanoFramework 1.x supports abstract instance members only");

    public static readonly DiagnosticDescriptor Dynamic = Rule("NANO014", "dynamic",
        "'dynamic' is not supported on nanoFramework 1.x");

    public static readonly DiagnosticDescriptor StackAlloc = Rule("NANO015", "stackalloc",
        "stackalloc is not supported on nanoFramework 1.x; allocate an array once and reuse it");

    public static readonly DiagnosticDescriptor Unsafe = Rule("NANO016", "Unsafe code",
        "{0}: unsafe code is not supported on nanoFramework 1.x");

    private static DiagnosticDescriptor Rule(string id, string title, string message) =>
        new(id, "nanoFramework 1.x subset: " + title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "Firmware C# must compile for nanoFramework 1.x, whose runtime lacks this feature.");
}

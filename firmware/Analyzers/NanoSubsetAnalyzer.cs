using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NanoSubset.Analyzers;

/// <summary>
/// Reports, as errors, every use of a C# feature that nanoFramework 1.x cannot compile or run: see NanoSubsetRules.
/// Syntax decides where a feature is written; the semantic model decides what a name or an inferred call binds to.
/// Attribute arguments and generated code are left alone, as are the compiler's own lowerings (implicit operations).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NanoSubsetAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        NanoSubsetRules.GenericDeclaration, NanoSubsetRules.GenericUse, NanoSubsetRules.Linq, NanoSubsetRules.Async,
        NanoSubsetRules.NullableValueType, NanoSubsetRules.Span, NanoSubsetRules.GenericCollection, NanoSubsetRules.Tuple,
        NanoSubsetRules.Record, NanoSubsetRules.Decimal, NanoSubsetRules.RangeOrIndex, NanoSubsetRules.MultidimensionalArray,
        NanoSubsetRules.DefaultInterfaceMember, NanoSubsetRules.Dynamic, NanoSubsetRules.StackAlloc, NanoSubsetRules.Unsafe);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();

        context.RegisterSyntaxNodeAction(TypeParameters, SyntaxKind.TypeParameterList);
        context.RegisterSyntaxNodeAction(GenericName, SyntaxKind.GenericName);
        context.RegisterSyntaxNodeAction(NamedType, SyntaxKind.IdentifierName, SyntaxKind.PredefinedType);
        context.RegisterSyntaxNodeAction(NullableType, SyntaxKind.NullableType);
        context.RegisterSyntaxNodeAction(UsingDirective, SyntaxKind.UsingDirective);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.Linq, c.Node, "query expression"), SyntaxKind.QueryExpression);
        context.RegisterSyntaxNodeAction(AsyncModifier, SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement,
            SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.Async, c.Node, "await"), SyntaxKind.AwaitExpression);
        context.RegisterSyntaxNodeAction(AwaitKeyword, SyntaxKind.ForEachStatement, SyntaxKind.ForEachVariableStatement,
            SyntaxKind.UsingStatement, SyntaxKind.LocalDeclarationStatement);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.Tuple, c.Node, "tuple type"), SyntaxKind.TupleType);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.Tuple, c.Node, "tuple"), SyntaxKind.TupleExpression);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.Tuple, c.Node, "deconstruction"),
            SyntaxKind.ParenthesizedVariableDesignation);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.Record, ((TypeDeclarationSyntax)c.Node).Identifier,
            ((TypeDeclarationSyntax)c.Node).Identifier.Text), SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.RangeOrIndex, c.Node, "range '..'"), SyntaxKind.RangeExpression);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.RangeOrIndex, c.Node, "index '^'"), SyntaxKind.IndexExpression);
        context.RegisterSyntaxNodeAction(ArrayRank, SyntaxKind.ArrayRankSpecifier);
        context.RegisterSyntaxNodeAction(InterfaceMembers, SyntaxKind.InterfaceDeclaration);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.StackAlloc, c.Node, null),
            SyntaxKind.StackAllocArrayCreationExpression, SyntaxKind.ImplicitStackAllocArrayCreationExpression);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.Unsafe, c.Node, "pointer type"), SyntaxKind.PointerType);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.Unsafe, c.Node, "function pointer"), SyntaxKind.FunctionPointerType);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.Unsafe, ((FixedStatementSyntax)c.Node).FixedKeyword, "fixed"),
            SyntaxKind.FixedStatement);
        context.RegisterSyntaxNodeAction(c => Report(c, NanoSubsetRules.Decimal, c.Node, "decimal literal"), SyntaxKind.NumericLiteralExpression);
        context.RegisterSyntaxTreeAction(UnsafeKeywords);

        context.RegisterOperationAction(Invocation, OperationKind.Invocation);
        context.RegisterOperationAction(MemberReference, OperationKind.PropertyReference, OperationKind.FieldReference);
        context.RegisterOperationAction(ConditionalAccess, OperationKind.ConditionalAccess);
        context.RegisterOperationAction(ImplicitlyTypedVariable, OperationKind.VariableDeclarator);
    }

    private static void TypeParameters(SyntaxNodeAnalysisContext c)
    {
        SyntaxNode parent = c.Node.Parent!;
        string name = parent switch
        {
            BaseTypeDeclarationSyntax t => t.Identifier.Text,
            DelegateDeclarationSyntax d => d.Identifier.Text,
            MethodDeclarationSyntax m => m.Identifier.Text,
            LocalFunctionStatementSyntax f => f.Identifier.Text,
            _ => parent.ToString(),
        };
        Report(c, NanoSubsetRules.GenericDeclaration, c.Node, name);
    }

    private static void GenericName(SyntaxNodeAnalysisContext c)
    {
        var node = (GenericNameSyntax)c.Node;
        if (InAttribute(node))
        {
            return;
        }

        SymbolInfo info = c.SemanticModel.GetSymbolInfo(node, c.CancellationToken);
        ISymbol? symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        if (symbol is IMethodSymbol method)
        {
            Report(c, IsLinq(method) ? NanoSubsetRules.Linq : NanoSubsetRules.GenericUse, node, method.Name + "<>");
            return;
        }

        DiagnosticDescriptor rule = symbol is ITypeSymbol type ? Classify(type) ?? NanoSubsetRules.GenericUse : NanoSubsetRules.GenericUse;
        Report(c, rule, node, node.ToString());
    }

    // Non-generic names of forbidden types: decimal, dynamic, Range, Index.
    private static void NamedType(SyntaxNodeAnalysisContext c)
    {
        if (InAttribute(c.Node) || c.Node.Parent is QualifiedNameSyntax { Right: var right } && right != c.Node)
        {
            return;
        }

        if (c.Node is IdentifierNameSyntax id && id.Parent is MemberAccessExpressionSyntax access && access.Name == id &&
            c.SemanticModel.GetSymbolInfo(id, c.CancellationToken).Symbol is not ITypeSymbol)
        {
            return;
        }

        if (c.SemanticModel.GetSymbolInfo(c.Node, c.CancellationToken).Symbol is not ITypeSymbol type || type is INamedTypeSymbol { IsGenericType: true })
        {
            return;
        }

        if (type.TypeKind == TypeKind.Dynamic)
        {
            Report(c, NanoSubsetRules.Dynamic, c.Node, null);
        }
        else if (type.SpecialType == SpecialType.System_Decimal)
        {
            Report(c, NanoSubsetRules.Decimal, c.Node, "type decimal");
        }
        else if (IsSystemType(type, "Range") || IsSystemType(type, "Index"))
        {
            Report(c, NanoSubsetRules.RangeOrIndex, c.Node, type.Name);
        }
    }

    private static void NullableType(SyntaxNodeAnalysisContext c)
    {
        ITypeSymbol? type = c.SemanticModel.GetTypeInfo(c.Node, c.CancellationToken).Type;
        if (type is { IsValueType: true } && !InAttribute(c.Node))
        {
            Report(c, NanoSubsetRules.NullableValueType, c.Node, c.Node.ToString());
        }
    }

    private static void UsingDirective(SyntaxNodeAnalysisContext c)
    {
        string? name = ((UsingDirectiveSyntax)c.Node).Name?.ToString();
        if (name == "System.Linq" || name?.StartsWith("System.Linq.") == true)
        {
            Report(c, NanoSubsetRules.Linq, c.Node, "using " + name);
        }
    }

    private static void AsyncModifier(SyntaxNodeAnalysisContext c)
    {
        SyntaxTokenList modifiers = c.Node switch
        {
            MethodDeclarationSyntax m => m.Modifiers,
            LocalFunctionStatementSyntax f => f.Modifiers,
            AnonymousFunctionExpressionSyntax a => a.Modifiers,
            _ => default,
        };
        foreach (SyntaxToken token in modifiers)
        {
            if (token.IsKind(SyntaxKind.AsyncKeyword))
            {
                Report(c, NanoSubsetRules.Async, token, "async");
            }
        }
    }

    private static void AwaitKeyword(SyntaxNodeAnalysisContext c)
    {
        SyntaxToken token = c.Node switch
        {
            CommonForEachStatementSyntax f => f.AwaitKeyword,
            UsingStatementSyntax u => u.AwaitKeyword,
            LocalDeclarationStatementSyntax l => l.AwaitKeyword,
            _ => default,
        };
        if (token.IsKind(SyntaxKind.AwaitKeyword))
        {
            Report(c, NanoSubsetRules.Async, token, "await");
        }
    }

    private static void ArrayRank(SyntaxNodeAnalysisContext c)
    {
        if (((ArrayRankSpecifierSyntax)c.Node).Rank > 1)
        {
            Report(c, NanoSubsetRules.MultidimensionalArray, c.Node, c.Node.Parent?.ToString() ?? c.Node.ToString());
        }
    }

    private static void InterfaceMembers(SyntaxNodeAnalysisContext c)
    {
        foreach (MemberDeclarationSyntax member in ((InterfaceDeclarationSyntax)c.Node).Members)
        {
            bool isStatic = member.Modifiers.Any(SyntaxKind.StaticKeyword);
            bool hasBody = member switch
            {
                BaseMethodDeclarationSyntax m => m.Body != null || m.ExpressionBody != null,
                BasePropertyDeclarationSyntax p => (p is PropertyDeclarationSyntax { ExpressionBody: not null }) ||
                    (p is IndexerDeclarationSyntax { ExpressionBody: not null }) ||
                    (p.AccessorList?.Accessors.Any(a => a.Body != null || a.ExpressionBody != null) ?? false) ||
                    p is EventDeclarationSyntax,
                _ => false,
            };
            if (isStatic || hasBody)
            {
                Report(c, NanoSubsetRules.DefaultInterfaceMember, member, MemberName(member));
            }
        }
    }

    private static void UnsafeKeywords(SyntaxTreeAnalysisContext c)
    {
        foreach (SyntaxToken token in c.Tree.GetRoot(c.CancellationToken).DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.UnsafeKeyword))
            {
                c.ReportDiagnostic(Diagnostic.Create(NanoSubsetRules.Unsafe, token.GetLocation(), "unsafe"));
            }
        }
    }

    private static void Invocation(OperationAnalysisContext c)
    {
        var invocation = (IInvocationOperation)c.Operation;
        if (invocation.IsImplicit || InAttribute(invocation.Syntax) || NameOf(invocation.Syntax) is GenericNameSyntax)
        {
            return; // a written type argument list is reported on the name itself
        }

        IMethodSymbol method = invocation.TargetMethod;
        if (IsLinq(method))
        {
            Report(c, NanoSubsetRules.Linq, invocation.Syntax, method.ContainingType.Name + "." + method.Name);
        }
        else if (method.IsGenericMethod)
        {
            Report(c, NanoSubsetRules.GenericUse, invocation.Syntax, method.ContainingType.Name + "." + method.Name +
                "<" + string.Join(", ", method.TypeArguments.Select(t => t.ToDisplayString())) + "> (type arguments inferred)");
        }
        else
        {
            ReportType(c, invocation.Type, invocation.Syntax);
        }
    }

    // A member whose type is forbidden, reached without writing that type (e.g. text.AsSpan(), dictionary.Keys).
    private static void MemberReference(OperationAnalysisContext c)
    {
        if (!c.Operation.IsImplicit && !InAttribute(c.Operation.Syntax) && c.Operation.Parent is not INameOfOperation)
        {
            ReportType(c, c.Operation.Type, c.Operation.Syntax);
        }
    }

    // a?.Length is an int? when Length is an int.
    private static void ConditionalAccess(OperationAnalysisContext c)
    {
        if (c.Operation.Type is { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
        {
            Report(c, NanoSubsetRules.NullableValueType, c.Operation.Syntax, c.Operation.Type.ToDisplayString());
        }
    }

    // var x = ... of a forbidden type (the type is never written, so no name reports it).
    private static void ImplicitlyTypedVariable(OperationAnalysisContext c)
    {
        var declarator = (IVariableDeclaratorOperation)c.Operation;
        if (declarator.Syntax.Parent is VariableDeclarationSyntax { Type.IsVar: true })
        {
            ReportType(c, declarator.Symbol.Type, declarator.Syntax);
        }
    }

    private static void ReportType(OperationAnalysisContext c, ITypeSymbol? type, SyntaxNode where)
    {
        DiagnosticDescriptor? rule = Classify(type);
        if (rule != null)
        {
            Report(c, rule, where, type!.ToDisplayString());
        }
    }

    /// <summary>The rule a type breaks, or null when nanoFramework 1.x has it.</summary>
    private static DiagnosticDescriptor? Classify(ITypeSymbol? type)
    {
        switch (type)
        {
            case null:
                return null;
            case IArrayTypeSymbol array:
                return array.Rank > 1 ? NanoSubsetRules.MultidimensionalArray : Classify(array.ElementType);
            case IPointerTypeSymbol:
            case IFunctionPointerTypeSymbol:
                return NanoSubsetRules.Unsafe;
        }

        if (type.TypeKind == TypeKind.Dynamic)
        {
            return NanoSubsetRules.Dynamic;
        }

        if (type.SpecialType == SpecialType.System_Decimal)
        {
            return NanoSubsetRules.Decimal;
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (named.IsTupleType)
        {
            return NanoSubsetRules.Tuple;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return NanoSubsetRules.NullableValueType;
        }

        if (IsSystemType(named, "Span") || IsSystemType(named, "ReadOnlySpan") || IsSystemType(named, "Memory") ||
            IsSystemType(named, "ReadOnlyMemory"))
        {
            return NanoSubsetRules.Span;
        }

        if (IsSystemType(named, "Range") || IsSystemType(named, "Index"))
        {
            return NanoSubsetRules.RangeOrIndex;
        }

        if (!named.IsGenericType && !(named.ContainingType?.IsGenericType ?? false))
        {
            return null;
        }

        string space = named.ContainingNamespace?.ToDisplayString() ?? "";
        if (space.StartsWith("System.Collections", System.StringComparison.Ordinal))
        {
            return NanoSubsetRules.GenericCollection;
        }

        return space == "System" && named.Name == "Tuple" ? NanoSubsetRules.Tuple : NanoSubsetRules.GenericUse;
    }

    private static bool IsLinq(IMethodSymbol method)
    {
        string space = method.ContainingNamespace?.ToDisplayString() ?? "";
        return space == "System.Linq" || space.StartsWith("System.Linq.", System.StringComparison.Ordinal);
    }

    private static bool IsSystemType(ITypeSymbol type, string name) =>
        type.Name == name && type.ContainingNamespace?.ToDisplayString() == "System" && type.ContainingType == null;

    private static SyntaxNode? NameOf(SyntaxNode invocation) => invocation switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name,
        InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } => binding.Name,
        InvocationExpressionSyntax i => i.Expression,
        _ => null,
    };

    private static bool InAttribute(SyntaxNode node) => node.FirstAncestorOrSelf<AttributeListSyntax>() != null;

    private static string MemberName(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        PropertyDeclarationSyntax p => p.Identifier.Text,
        EventDeclarationSyntax e => e.Identifier.Text,
        EventFieldDeclarationSyntax f => string.Join(", ", f.Declaration.Variables.Select(v => v.Identifier.Text)),
        FieldDeclarationSyntax f => string.Join(", ", f.Declaration.Variables.Select(v => v.Identifier.Text)),
        IndexerDeclarationSyntax => "this[]",
        OperatorDeclarationSyntax o => "operator " + o.OperatorToken.Text,
        ConversionOperatorDeclarationSyntax => "conversion operator",
        _ => member.Kind().ToString(),
    };

    private static void Report(SyntaxNodeAnalysisContext c, DiagnosticDescriptor rule, SyntaxNode node, string? argument)
    {
        if (rule == NanoSubsetRules.Decimal && node is LiteralExpressionSyntax literal &&
            c.SemanticModel.GetTypeInfo(literal, c.CancellationToken).Type?.SpecialType != SpecialType.System_Decimal)
        {
            return; // every numeric literal comes here; only decimal ones are reported
        }

        c.ReportDiagnostic(Diagnostic.Create(rule, node.GetLocation(), argument ?? node.ToString()));
    }

    private static void Report(SyntaxNodeAnalysisContext c, DiagnosticDescriptor rule, SyntaxToken token, string argument) =>
        c.ReportDiagnostic(Diagnostic.Create(rule, token.GetLocation(), argument));

    private static void Report(OperationAnalysisContext c, DiagnosticDescriptor rule, SyntaxNode node, string argument) =>
        c.ReportDiagnostic(Diagnostic.Create(rule, node.GetLocation(), argument));
}

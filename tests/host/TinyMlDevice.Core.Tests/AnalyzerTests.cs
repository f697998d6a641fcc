using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NanoSubset.Analyzers;

namespace TinyMlDevice.Core.Tests;

// The nanoFramework 1.x subset check: each bad snippet gets its rule's error at the marked span ([| |]); good
// snippets (what the firmware does write) get none. Every snippet must otherwise compile, so a diagnostic is never an
// artefact of broken code.
public class AnalyzerTests
{
    private static readonly ImmutableArray<MetadataReference> References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.") || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToImmutableArray();

    private static (List<Diagnostic> Found, string Marked) Analyze(string snippet)
    {
        int start = snippet.IndexOf("[|", StringComparison.Ordinal);
        int end = snippet.IndexOf("|]", StringComparison.Ordinal);
        string source = snippet.Replace("[|", "").Replace("|]", "");
        string marked = start >= 0 ? snippet.Substring(start + 2, end - start - 2) : "";

        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), "Snippet.cs");
        var compilation = CSharpCompilation.Create("Snippet", new[] { tree }, References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Disable));
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "the snippet does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));

        List<Diagnostic> found = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NanoSubsetAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().Result.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        return (found, marked);
    }

    private static string Class(string members) => "using System;\nusing System.Collections;\nclass C\n{\n" + members + "\n}\n";

    public static TheoryData<string, string> Bad() => new()
    {
        { "NANO001", "class G[|<T>|] { }" },
        { "NANO001", Class("void M[|<T>|](T x) { }") },
        { "NANO001", "interface I[|<T>|] { }" },
        { "NANO001", "delegate void D[|<T>|](T x);" },
        { "NANO001", Class("void M() { void L[|<T>|]() { } }") },
        { "NANO002", Class("[|Action<int>|] a;") },
        { "NANO002", Class("object M() => Array.[|Empty<int>|]();") },
        { "NANO002", Class("int M(int[] a) => [|Array.IndexOf(a, 3)|];") },
        { "NANO002", Class("void M() { var f = ([|Func<int>|])(() => 1); }") },
        { "NANO002", Class("[|EventHandler<EventArgs>|] e;") },
        { "NANO007", Class("System.Collections.Generic.[|IEnumerable<int>|] e;") },
        { "NANO003", "[|using System.Linq;|]\nclass C { }" },
        { "NANO003", Class("int M(int[] a) => [|System.Linq.Enumerable.Count(a)|];") },
        { "NANO003", "using System.Linq;\n" + Class("object M(int[] a) => [|from x in a select x|];") },
        { "NANO003", Class("object M(int[] a) => System.Linq.Enumerable.[|Select<int, int>|](a, x => x);") },
        { "NANO004", Class("[|async|] System.Threading.Tasks.Task M() { await System.Threading.Tasks.Task.Yield(); }") },
        { "NANO004", Class("async System.Threading.Tasks.Task M() { [|await System.Threading.Tasks.Task.Yield()|]; }") },
        { "NANO004", Class("void M() { Action a = [|async|] () => { }; }") },
        { "NANO005", Class("[|int?|] x;") },
        { "NANO005", Class("object Length(string s) => [|s?.Length|];") },
        { "NANO005", Class("[|Nullable<int>|] x;") },
        { "NANO006", Class("[|Span<byte>|] M(byte[] b) => b;") },
        { "NANO006", Class("void M(string s) { var t = [|s.AsSpan()|]; }") },
        { "NANO006", Class("[|ReadOnlyMemory<char>|] m;") },
        { "NANO007", Class("System.Collections.Generic.[|List<int>|] l;") },
        { "NANO007", Class("object d = new System.Collections.Generic.[|Dictionary<string, int>|]();") },
        { "NANO007", Class("System.Collections.Generic.[|HashSet<int>|] h;") },
        { "NANO008", Class("[|(int, int)|] t;") },
        { "NANO008", Class("object M() => [|(1, 2)|];") },
        { "NANO008", Class("void M(C c) { var [|(a, b)|] = c; }\nvoid Deconstruct(out int a, out int b) { a = 1; b = 2; }") },
        { "NANO009", "record [|R|](int X);" },
        { "NANO009", "record struct [|S|](int X);" },
        { "NANO010", Class("[|decimal|] d;") },
        { "NANO010", Class("object d = [|1.5m|];") },
        { "NANO011", Class("int[] M(int[] a) => a[[|1..|]];") },
        { "NANO011", Class("int M(int[] a) => a[[|^1|]];") },
        { "NANO012", Class("int[|[,]|] grid;") },
        { "NANO012", Class("object g = new int[|[2, 3]|];") },
        { "NANO013", "interface I { [|void M() { }|] }" },
        { "NANO013", "interface I { [|int P => 1;|] }" },
        { "NANO013", "interface I { [|static void S() { }|] }" },
        { "NANO014", Class("[|dynamic|] d;") },
        { "NANO015", Class("void M() { Span<int> p = [|stackalloc int[4]|]; }") },
        { "NANO016", Class("[|unsafe|] void M() { }") },
        { "NANO016", Class("void M() { [|unsafe|] { } }") },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void ReportsTheRuleAtTheOffendingCode(string rule, string snippet)
    {
        var (found, marked) = Analyze(snippet);
        Assert.True(found.Any(d => d.Id == rule && d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == marked),
            $"expected {rule} at '{marked}', found:\n" + string.Join("\n", found.Select(d => d.ToString())));
    }

    public static TheoryData<string> Good() => new()
    {
        Class("int[] _a = new int[4]; short[][] _jagged = new short[2][];"),
        Class("ArrayList _list = new ArrayList(); Hashtable _table = new Hashtable();"),
        Class("void M(int[] a, int[] b) { Array.Copy(a, 0, b, 0, a.Length); Array.Clear(b, 0, b.Length); }"),
        Class("event EventHandler Changed; Action _a = () => { }; void M() { Changed?.Invoke(this, EventArgs.Empty); }"),
        Class("string M(int x, object o) => $\"x={x} {o}\" + (o is string s ? s : \"\") + x switch { 1 => \"one\", _ => \"many\" };"),
        Class("object _gate = new object(); int P { get; set; } void M() { lock (_gate) { P++; } foreach (object o in new ArrayList()) { } }"),
        Class("string[] M(string t) => t.Split(new char[] { ',' });"),
        Class("bool M(string t, out int v) { v = t.Length; return v > 0; } void N() { M(\"a\", out int v); }"),
        Class("string M(string s) => s?.Trim() ?? \"\";"),
        "using System;\ninterface I { int P { get; } void M(); event EventHandler E; }",
        "[System.Diagnostics.DebuggerDisplay(\"x\")] class C { [System.Obsolete] void M() { } }",
        "struct S { public int X; } enum E { A, B } abstract class B { public abstract void M(); }",
        Class("void M() { var t = new System.Threading.Thread(() => { }); t.Start(); }"),
        Class("float M(float[] f) { float s = 0; for (int i = 0; i < f.Length; i++) { s += f[i]; } return s / f.Length; }"),
    };

    [Theory]
    [MemberData(nameof(Good))]
    public void LeavesTheSubsetAlone(string snippet)
    {
        var (found, _) = Analyze(snippet);
        Assert.True(found.Count == 0, "unexpected:\n" + string.Join("\n", found.Select(d => d.ToString())));
    }

    [Fact]
    public void EveryRuleIsAnErrorAndTested()
    {
        var analyzer = new NanoSubsetAnalyzer();
        string[] tested = Bad().Select(row => (string)row.Data.Item1).Distinct().OrderBy(x => x).ToArray();
        Assert.Equal(analyzer.SupportedDiagnostics.Select(d => d.Id).OrderBy(x => x), tested);
        Assert.All(analyzer.SupportedDiagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.DefaultSeverity));
    }

    [Fact]
    public void GeneratedCodeIsLeftAlone()
    {
        var (found, _) = Analyze("// <auto-generated/>\nclass G<T> { System.Collections.Generic.List<T> l; }");
        Assert.Empty(found);
    }
}

using System.Linq;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// Malformed uses of the attribute: whatever the input, only NetGen's diagnostics or the compiler's own appear,
/// never a generator exception (which the IDE would show as CS8785 / AD0001).
/// </summary>
public class RobustnessTests
{
    public static TheoryData<string> MalformedUses => new()
    {
        "[Network(1.5, 2)] public partial class N { }",
        "[Network(\"12288\", 1)] public partial class N { }",
        "[Network(null)] public partial class N { }",
        "[Network(new int[0])] public partial class N { }",
        "[Network(x, 1)] public partial class N { static int x = 2; }",
        "[Network(N.Size, 1)] public partial class N { public const int Size = 4; }",
        "[Network(int.MaxValue, int.MaxValue)] public partial class N { }",
        "[Network(2147483647, 1)] public partial class N { }",
        "[Network(46341, 46341)] public partial class N { }",
        "[Network(4, 1, Hidden = 3)] public partial class N { }",
        "[Network(4, 1, Output = Activation.Tanh, Hidden = Activation.Linear)] public partial class N { }",
        "[Network(4, 1, Unknown = 1)] public partial class N { }",
        "[Network(layerSizes: new[] { 4, 1 })] public partial class N { }",
        "[Network(4, 1)][Network(4, 2)] public partial class N { }",
        "[Network(4, 1)] public partial struct S { }",
        "[Network(4, 1)] public partial record struct R { }",
        "[Network(4, 1)] public partial record R { }",
        "[Network(4, 1)] public partial interface I { }",
        "public partial class C { [Network(4, 1)] void M() { } }",
        "[Network(4, 1)] public partial class N { public void Forward() { } }",
        "[Network(4, 1)] public abstract partial class N { }",
        "[Network(4, 1)] public sealed partial class N : System.Exception { }",
        "[Network(4, 1)] partial class",
        "[Network(4,",
        "[Network(4, 1)] public partial class N<T> where T : struct { }",
        "public partial class O<T> { [Network(3, 2)] public partial class N { } }",
        "[Network(4, 1)] public partial class N { } [Network(4, 1)] public partial class N { }",
        "[NetGen.Network(4, 1)] public partial class N { }",
        "[NetworkAttribute(4, 1)] public partial class N { }",
        "[Network(checked(2 * 3), 1)] public partial class N { }",
        "[Network((int)4L, 1)] public partial class N { }",
        "[Network(0x10, 0b1)] public partial class N { }",
        "[Network(4, 1, Hidden = (Activation)(-1))] public partial class N { }",
        "[Network()] public partial class N { }",
        "[Network(4, 1)] public static class N { }",
    };

    [Theory]
    [MemberData(nameof(MalformedUses))]
    public void OnlyOurDiagnosticsOrTheCompilers(string declaration)
    {
        var run = GeneratorHarness.Run<NetworkGenerator>("using NetGen;\n" + declaration);
        Assert.All(run.RunResult.Results, result => Assert.Null(result.Exception));
        Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("NG", d.Id));
        var unexpected = run.CompilationDiagnostics
            .Where(d => d.Id is "CS8785" or "AD0001" || d.Id.StartsWith("CS") && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true && d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error
                && !DeclarationItselfIsWrong(run));
        Assert.Empty(unexpected);
    }

    /// <summary>A user's own error (a member named like a generated one) may surface in generated code; that is the compiler's report, not ours.</summary>
    static bool DeclarationItselfIsWrong(GeneratorRun run) =>
        run.InputCompilation.GetDiagnostics().Any(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);

    [Fact]
    public void RandomAttributeArguments_NeverCrashTheGenerator()
    {
        var random = new System.Random(12345);
        string[] pieces = { "0", "-1", "1", "7", "12288", "int.MaxValue", "1.5", "null", "\"x\"", "Activation.ReLU", "Hidden = Activation.Tanh",
            "Output = Activation.Linear", "Output = (Activation)9", "new[] { 1, 2 }", "default", "1 << 20", "" };
        for (var trial = 0; trial < 60; trial++)
        {
            var args = string.Join(", ", Enumerable.Range(0, random.Next(0, 6)).Select(_ => pieces[random.Next(pieces.Length)]));
            var run = GeneratorHarness.Run<NetworkGenerator>($"using NetGen;\n[Network({args})] public partial class N {{ }}");
            Assert.All(run.RunResult.Results, result => Assert.Null(result.Exception));
            Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("NG", d.Id));
        }
    }
}

using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Tests.Infrastructure;
using Xunit;
using GeneratorActivation = NetGen.Generator.Shared.Activation;

namespace NetGen.Tests.Generator;

/// <summary>
/// Odd names: keywords as class, namespace and enclosing-type names compile and run; a user member whose name the
/// generated code uses is NG0009 at that member, with nothing generated (so no compiler error inside generated code).
/// </summary>
public class NameTests
{
    /// <summary>Declarations whose names are C# keywords (reserved and contextual), each with a probe that predicts.</summary>
    public static TheoryData<string, string> KeywordCases() => new()
    {
        { "[Network(3, 2, 1)] public partial class @class { }", "new @class()" },
        { "[Network(3, 2, 1)] public partial class @object { }", "new @object()" },
        { "[Network(3, 2, 1)] public partial record @record { }", "new @record()" },
        { "[Network(3, 2, 1)] public partial class @dynamic { }", "new @dynamic()" },
        { "public partial class @struct { [Network(3, 2, 1)] public partial class @int { } }", "new @struct.@int()" },
        { "public partial class Outer<@this> { [Network(3, 2, 1)] public partial class @event { } }", "new Outer<int>.@event()" },
        { "namespace @namespace.@object { [Network(3, 2, 1)] public partial class @class { } }", "new @namespace.@object.@class()" },
        { "namespace @async { [Network(3, 2, 1)] public partial class @await { } }", "new @async.@await()" },
    };

    [Theory]
    [MemberData(nameof(KeywordCases))]
    public void AKeywordAsAName_Compiles_AndTheNetworkRuns(string declaration, string create)
    {
        var run = GeneratorHarness.Run<NetworkGenerator>($$"""
            using NetGen;
            {{declaration}}
            public static class Probe
            {
                public static float Run()
                {
                    var net = {{create}};
                    net.InitializeParameters(1, WeightInit.Small);
                    return net.Predict(new float[] { 1.5f, -2.0f, 3.0f });
                }
            }
            """);
        run.AssertNoErrors(includeWarnings: false);
        using var compiled = run.Emit();
        var output = (float)compiled.FindType("Probe").GetMethod("Run")!.Invoke(null, null)!;
        // The course's initialize_parameters(3, 2, 1) with seed 1 gives 0.4999... for this input (see CompileAndRunTests).
        Assert.InRange(output, 0.49f, 0.51f);
    }

    /// <summary>User members that the generated code would clash with, and the text NG0009 must point at.</summary>
    public static TheoryData<string, string> ClashCases() => new()
    {
        { "public float[] W1 { get; } = new float[6];", "W1" },
        { "public int W2;", "W2" },
        { "public float[] B1 = new float[2];", "B1" },
        { "public const int InputSize = 3;", "InputSize" },
        { "public static int ParameterCount => 11;", "ParameterCount" },
        { "public static int[] LayerSizes = { 3, 2, 1 };", "LayerSizes" },
        { "public sealed class Caches { }", "Caches" },
        { "public struct Input { }", "Input" },
        { "public class Gradients { }", "Gradients" },
        { "public enum Output { A }", "Output" },
        { "private string? parameterWriter;", "parameterWriter" },
        { "void ForwardLayer1() { }", "ForwardLayer1" },
        { "void BackwardCore(int x) { }", "BackwardCore" },
        { "static float CostCore(float a) => a;", "CostCore" },
        { "void PredictOne() { }", "PredictOne" },
        { "public int Predict;", "Predict" },
        { "public float Predict(System.ReadOnlySpan<float> x) => 0;", "Predict" },
        { "public void Predict(System.ReadOnlySpan<float> x, System.Span<float> y) { }", "Predict" },
        { "public void Train(System.ReadOnlySpan<float> x, System.ReadOnlySpan<float> y, TrainingOptions o) { }", "Train" },
        { "public void LoadParameters(string file) { }", "LoadParameters" },
        { "public event System.Action? Forward;", "Forward" },
        { "public class var { }", "var" },
        { "static int nameof(int x) => x;", "nameof" },
    };

    [Theory]
    [MemberData(nameof(ClashCases))]
    public void AMemberWithAGeneratedName_IsNG0009AtThatMember_AndNothingIsGenerated(string member, string pointsAt)
    {
        var run = GeneratorHarness.Run<NetworkGenerator>($$"""
            using NetGen;
            [Network(3, 2, 1)]
            public partial class Net
            {
                {{member}}
            }
            """);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NG0009", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var tree = run.InputCompilation.SyntaxTrees.Single();
        Assert.Equal(pointsAt, tree.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains($"'{pointsAt}'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.GeneratedSources);
        // Only the user's own mistakes remain (none here): no error inside generated code.
        Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath != GeneratorHarness.SourcePath);
    }

    [Theory]
    [InlineData("Caches")]
    [InlineData("Input")]
    [InlineData("Predict")]
    [InlineData("W1")]
    [InlineData("var")]
    public void AClassNamedLikeAGeneratedMember_IsNG0009AtItsName(string name)
    {
        var run = GeneratorHarness.Run<NetworkGenerator>($"using NetGen; [Network(3, 2, 1)] public partial class {name} {{ }}");

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NG0009", diagnostic.Id);
        Assert.Equal(name, run.InputCompilation.SyntaxTrees.Single().GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void OverloadsOfPublicMethodsWithOtherParameters_AndUnrelatedMembers_AreFine()
    {
        var run = GeneratorHarness.Run<NetworkGenerator>("""
            using NetGen;
            [Network(3, 2, 1)]
            public partial class Net
            {
                public float Predict(float a, float b, float c) => Predict(new float[] { a, b, c });
                public TrainingResult Train(float[] x, float[] y) => Train(x, y, new TrainingOptions { Iterations = 1 });
                public void InitializeParameters() => InitializeParameters(1);
                public string Weights => "W";
                public int Width;
                public class Cache { }
            }
            public static class Probe
            {
                public static float Run()
                {
                    var net = new Net();
                    net.InitializeParameters();
                    return net.Predict(1.5f, -2.0f, 3.0f);
                }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        run.AssertNoErrors(includeWarnings: true);
        using var compiled = run.Emit();
        Assert.InRange((float)compiled.FindType("Probe").GetMethod("Run")!.Invoke(null, null)!, 0.49f, 0.51f);
    }

    /// <summary>Networks whose generated code takes different paths (lanes, tiled, Gram form, typed buffers, linear, tanh).</summary>
    [Theory]
    [InlineData("3, 2, 1")]
    [InlineData("12288, 20, 7, 5, 1")]
    [InlineData("40, 5, Output = Activation.Linear")]
    [InlineData("6, 4, 3, Output = Activation.Softmax")]
    [InlineData("300, 40, 37, 3, Hidden = Activation.LeakyReLU")]
    [InlineData("70000, 3, 2")]
    [InlineData("5, 300, 30, 2, Hidden = Activation.Tanh")]
    [InlineData("4, 3, 2, Hidden = Activation.Sigmoid")]
    public void EveryGeneratedMember_IsKnownToTheClashCheck(string arguments)
    {
        var run = GeneratorHarness.Run<NetworkGenerator>($"using NetGen; [Network({arguments})] public partial class Net {{ }}");
        run.AssertNoErrors();
        var generated = run.OutputCompilation.SyntaxTrees.Single(t => t.FilePath != GeneratorHarness.SourcePath);
        var model = run.OutputCompilation.GetSemanticModel(generated);
        var net = generated.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.Identifier.ValueText == "Net");
        var unknown = net.Members.Select(m => m is BaseFieldDeclarationSyntax field
                ? model.GetDeclaredSymbol(field.Declaration.Variables[0])!
                : model.GetDeclaredSymbol(m)!)
            .Where(symbol => !GeneratedMembers.IsReserved(symbol.Name) && !IsListedOverload(symbol, arguments))
            .Select(symbol => symbol.ToDisplayString())
            .ToList();
        Assert.True(unknown.Count == 0, "generated members the clash check does not know: " + string.Join(", ", unknown));
    }

    static bool IsListedOverload(ISymbol symbol, string arguments)
    {
        if (symbol is not IMethodSymbol method) return false;
        var parameters = method.Parameters.Select(p => p.Type.ContainingType?.Name == "Net" ? p.Type.Name : p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToArray();
        var sizes = arguments.Split(',').TakeWhile(a => !a.Contains('=')).Select(a => int.Parse(a.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var spec = new NetworkSpec(null, default(EquatableArray<ContainingType>), "class", "Net", new EquatableArray<int>(sizes),
            Named(arguments, "Hidden", GeneratorActivation.ReLU), Named(arguments, "Output", GeneratorActivation.Sigmoid));
        return GeneratedMembers.PublicMethods(spec).TryGetValue(method.Name, out var listed) && listed.Any(o => o.SequenceEqual(parameters));
    }

    /// <summary>The activation an argument list names as <c>Hidden = Activation.X</c> (or Output), else the default.</summary>
    static GeneratorActivation Named(string arguments, string name, GeneratorActivation fallback)
    {
        var argument = arguments.Split(',').Select(a => a.Trim()).FirstOrDefault(a => a.StartsWith(name + " = Activation.", System.StringComparison.Ordinal));
        return argument is null ? fallback : System.Enum.Parse<GeneratorActivation>(argument[(name + " = Activation.").Length..]);
    }
}

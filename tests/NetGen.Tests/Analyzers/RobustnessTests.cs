using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;
using static NetGen.Tests.Analyzers.ShapeAnalysis;

namespace NetGen.Tests.Analyzers;

/// <summary>Code that does not compile, networks that are not generated and compilations without NetGen: the analyzer never throws.</summary>
public sealed class RobustnessTests
{
    /// <summary>The analyzer's diagnostics for <paramref name="source"/>, which must have compile errors.</summary>
    static ImmutableArray<Diagnostic> AnalyzeBroken(string source)
    {
        var run = GeneratorHarness.Run<NetworkGenerator>(source);
        Assert.Contains(run.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        return Analyze(run.OutputCompilation);
    }

    [Theory]
    [InlineData("scorer.Predict();")]
    [InlineData("scorer.Predict(new float[3], );")]
    [InlineData("scorer.Predict(new int[3]);")]
    [InlineData("scorer.Predict(new float[-1]);")]
    [InlineData("scorer.Predict(new float[3, 3]);")]
    [InlineData("scorer.Predict(new float[]);")]
    [InlineData("scorer.Predict(stackalloc float[-1]);")]
    [InlineData("scorer.Predict(stackalloc float[]);")]
    [InlineData("scorer.Predict(undefined);")]
    [InlineData("scorer.Predict(new float[undefined]);")]
    [InlineData("scorer.Predict(x: new float[3], x: new float[3]);")]
    [InlineData("scorer.Predict(y: new float[3]);")]
    [InlineData("Scorer.Predict(new float[3]);")]
    [InlineData("scorer.Predict(ref parameter);")]
    [InlineData("scorer.Predict([..]);")]
    [InlineData("scorer.Predict([.. undefined]);")]
    [InlineData("var x = ; scorer.Predict(x);")]
    [InlineData("var x = x; scorer.Predict(x);")]
    [InlineData("scorer.Predict(new float[4], new float[3], new float[2]);")]
    [InlineData("net.Forward(new float[3]);")]
    [InlineData("Net.ComputeCost(new float[3]);")]
    [InlineData("net.Train(new float[3], options);")]
    public void BrokenCalls_AreLeftToTheCompiler(string body) => Assert.Empty(AnalyzeBroken(InMethod(body)));

    [Fact]
    public void UndeclaredLocals_AreNotFollowed() =>
        Assert.Empty(AnalyzeBroken(InMethod("scorer.Predict(x);\n        var x = new float[3];")));

    [Theory]
    [InlineData("[Network(4)]")]
    [InlineData("[Network]")]
    [InlineData("[Network(4, 0, 1)]")]
    [InlineData("[Network(\"4\", \"1\")]")]
    [InlineData("[Network(Size, 1)]")]
    [InlineData("[Network(4, 1, Output = (Activation)99)]")]
    public void CallsOnANetworkThatIsNotGenerated_AreSilent(string attribute)
    {
        var source = $$"""
            using NetGen;

            {{attribute}} public partial class Net { static int Size = 4; }

            public static class Use
            {
                public static float Run(Net net) => net.Predict(new float[3]);
            }
            """;
        Assert.Empty(AnalyzeBroken(source));
    }

    [Fact]
    public void AHandWrittenNetworkAttribute_IsNotNetGens()
    {
        var source = """
            using System;
            using System.CodeDom.Compiler;

            namespace Fake
            {
                public sealed class NetworkAttribute(params int[] sizes) : Attribute { }

                [Network(4, 1)]
                public class Net
                {
                    [GeneratedCode("NetGen", "1.0")]
                    public float Predict(ReadOnlySpan<float> x) => 0;
                }

                public static class Use
                {
                    public static float Run(Net net) => net.Predict(new float[3]);
                }
            }
            """;
        var run = GeneratorHarness.Run<NetworkGenerator>(source);
        run.AssertNoErrors();
        Assert.Empty(Analyze(run.OutputCompilation));
    }

    [Fact]
    public void ACompilationWithoutTheNetGenRuntime_IsSilent()
    {
        var compilation = CSharpCompilation.Create("NoNetGen",
            [GeneratorHarness.Parse("""
                using System;
                public class Net
                {
                    public float Predict(ReadOnlySpan<float> x) => 0;
                    public static float Run(Net net) => net.Predict(new float[3]);
                }
                """)],
            GeneratorHarness.References.Where(reference => !(reference.Display ?? "").EndsWith("NetGen.dll", System.StringComparison.Ordinal)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Null(compilation.GetTypeByMetadataName(NetworkGenerator.AttributeName));
        Assert.Empty(Analyze(compilation));
    }
}

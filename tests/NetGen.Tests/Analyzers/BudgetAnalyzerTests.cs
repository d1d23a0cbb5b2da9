using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator;
using NetGen.Generator.Analyzers;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Analyzers;

/// <summary>NG0100 (the size of each network, on its attribute) and NG0007 (a weight matrix over 2 GB).</summary>
public class BudgetAnalyzerTests
{
    static ImmutableArray<Diagnostic> Analyze(string source) => Analyze(GeneratorHarness.CreateCompilation("using NetGen;\n" + source));

    /// <summary>Every diagnostic of the analyzer, with an analyzer exception turned into a failure (AD0001 in an IDE).</summary>
    static ImmutableArray<Diagnostic> Analyze(Compilation compilation)
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => Assert.Fail("The analyzer threw: " + exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        return compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkBudgetAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public void CatNetwork_GetsItsBudgetOnItsAttribute()
    {
        var diagnostic = Assert.Single(Analyze("[Network(12288, 20, 7, 5, 1)] public partial class CatNet { }"));
        Assert.Equal("NG0100", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        // Worked by hand: 12288*20+20 + 20*7+7 + 7*5+5 + 5*1+1 = 245,973 parameters; 983,892 bytes; 245,760 + 140 + 35 + 5 = 245,940 multiply-adds.
        Assert.Equal("Network 'CatNet': 245,973 parameters (960.8 KiB of float memory), 245,940 multiply-adds per example", diagnostic.GetMessage());
        Assert.Equal("Network(12288, 20, 7, 5, 1)", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    [Fact]
    public void WeightMatrixOverTwoGigabytes_IsAWarning()
    {
        var diagnostics = Analyze("[Network(600000, 1000, 1)] public partial class Big { }");
        var warning = Assert.Single(diagnostics, d => d.Id == "NG0007");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("W1 of network 'Big' holds 600,000,000 floats (2.2 GiB)", warning.GetMessage());
    }

    [Theory]
    [InlineData("[Network(0, 1)] public partial class N { }")]
    [InlineData("[Network(5)] public partial class N { }")]
    [InlineData("[Network(100000, 100000, 1)] public partial class N { }")]
    [InlineData("[Network(2147483600, 1)] public partial class N { }")] // 2,147,483,601 parameters fit an int; W1 fits no array
    [InlineData("public partial class N { }")]
    public void WhereTheGeneratorReportsOrThereIsNoNetwork_ItIsSilent(string source) => Assert.Empty(Analyze(source));

    /// <summary>One size rule for both: the analyzer describes exactly the networks the generator emits.</summary>
    [Theory]
    [InlineData("[Network(4, 8, 1)]")]
    [InlineData("[Network(600000, 1000, 1)]")]
    [InlineData("[Network(2147483591, 1)]")]  // W1 exactly Array.MaxLength
    [InlineData("[Network(2147483592, 1)]")]  // one more
    [InlineData("[Network(46341, 46341, 1)]")] // W1 fits an array; with its biases and W2 the count passes int.MaxValue
    [InlineData("[Network(4, 0, 1)]")]
    [InlineData("[Network(4)]")]
    [InlineData("[Network(new int[] { 3, 2 })]")]
    [InlineData("[Network(null)]")]
    public void SizeReport_AppearsExactlyWhereTheGeneratorEmitsTheNetwork(string attribute)
    {
        var source = "using NetGen;\n" + attribute + " public partial class N { }";
        var emitted = GeneratorHarness.Run<NetworkGenerator>(source).RunResult.GeneratedTrees.Length > 0;
        var reported = Analyze(source).Any(d => d.Id == "NG0100");
        Assert.Equal(emitted, reported);
    }

    [Fact]
    public void GeneratedCode_IsNotAnalyzedAndNothingThrows()
    {
        var compilation = GeneratorHarness.Run<NetworkGenerator>("using NetGen;\n[Network(4, 8, 1)] public partial class N { }").OutputCompilation;
        Assert.Equal(new[] { "NG0100" }, Analyze(compilation).Select(d => d.Id));
    }
}

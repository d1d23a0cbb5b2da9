using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator;
using NetGen.Tests.Infrastructure;
using Xunit;
using static NetGen.Tests.Analyzers.ShapeAnalysis;

namespace NetGen.Tests.Analyzers;

/// <summary>
/// Every form whose length the compiler knows is reported at the argument with that length and what it is;
/// the same forms with a fitting length are silent. <c>Scorer.Predict(x)</c> takes exactly 4 floats.
/// </summary>
public sealed class KnownLengthTests
{
    const string ExpectsFour = "Scorer.Predict(x) expects x to hold exactly 4 floats (InputSize), but the ";

    [Theory]
    [InlineData("new float[100]", "array given has 100")]
    [InlineData("new float[] { 1, 2, 3 }", "array given has 3")]
    [InlineData("new[] { 1f, 2f, 3f, 4f, 5f }", "array given has 5")]
    [InlineData("new float[2] { 1, 2 }", "array given has 2")]
    [InlineData("new float[Size * 2]", "array given has 6")]
    [InlineData("new float[3u]", "array given has 3")]
    [InlineData("new float[0]", "array given has 0")]
    [InlineData("[1f, 2f]", "collection expression given has 2")]
    [InlineData("[1, 2, 3, 4, 5]", "collection expression given has 5")]
    [InlineData("[]", "collection expression given has 0")]
    [InlineData("stackalloc float[5]", "stackalloc buffer given has 5")]
    [InlineData("stackalloc float[] { 1, 2, 3 }", "stackalloc buffer given has 3")]
    [InlineData("stackalloc[] { 1f, 2f }", "stackalloc buffer given has 2")]
    [InlineData("stackalloc float[Size] { 1, 2, 3 }", "stackalloc buffer given has 3")]
    [InlineData("(ReadOnlySpan<float>)new float[7]", "array given has 7")]
    public void AnArgumentOfKnownLength_IsReportedAtTheArgument(string argument, string given) =>
        AssertReports(InMethod($"const int Size = 3; scorer.Predict({argument});"), argument, ExpectsFour + given);

    [Theory]
    [InlineData("new float[4]")]
    [InlineData("new float[] { 1, 2, 3, 4 }")]
    [InlineData("new float[Size + 1]")]
    [InlineData("[1f, 2f, 3f, 4f]")]
    [InlineData("stackalloc float[4]")]
    [InlineData("stackalloc[] { 1f, 2f, 3f, 4f }")]
    public void AnArgumentOfTheRightLength_IsSilent(string argument) =>
        AssertSilent(InMethod($"const int Size = 3; scorer.Predict({argument});"));

    [Fact]
    public void ALocalArrayUsedLater_IsReportedAtTheUseWithItsName() => AssertReports(
        InMethod("var x = new float[7];\n        Console.WriteLine(x.Length);\n        x[0] = 1;\n        scorer.Predict(x);"),
        "x", ExpectsFour + "array 'x' given has 7");

    [Fact]
    public void ALocalSpanOverAStackallocBuffer_IsReported() => AssertReports(
        InMethod("Span<float> buffer = stackalloc float[6];\n        buffer.Fill(1);\n        scorer.Predict(buffer);"),
        "buffer", ExpectsFour + "span 'buffer' given has 6");

    [Fact]
    public void ALocalReadOnlySpanOverACollectionExpression_IsReported() => AssertReports(
        InMethod("ReadOnlySpan<float> example = [1, 2, 3];\n        scorer.Predict(example);"),
        "example", ExpectsFour + "span 'example' given has 3");

    [Fact]
    public void ALocalMemoryOverAnArray_IsReportedForForward() => AssertReports(
        InMethod("ReadOnlyMemory<float> batch = new float[10];\n        net.Forward(batch, caches);"),
        "batch", "Net.Forward(x, caches) expects x to hold a positive multiple of 4 floats (InputSize), but the memory 'batch' given has 10");

    [Fact]
    public void ALocalCopiedFromAnotherUnchangedLocal_IsReportedUnderItsOwnName() => AssertReports(
        InMethod("var first = new float[3];\n        var second = first;\n        scorer.Predict(second);"),
        "second", ExpectsFour + "array 'second' given has 3");

    [Fact]
    public void ALocalUsedInsideALambda_IsReported() => AssertReports(
        InMethod("var x = new float[5];\n        Func<float> predict = () => scorer.Predict(x);\n        predict();"),
        "x", ExpectsFour + "array 'x' given has 5");

    [Fact]
    public void AnotherNetworksInlineArray_IsReportedWithItsType() => AssertReportsAll(
        InMethod("Net.Output pair = default;\n        scorer.Predict(pair);\n        scorer.Predict(new float[12], pair);"),
        ("pair", ExpectsFour + "Net.Output given has 2"),
        ("pair", "Scorer.Predict(x, output) expects output to hold exactly 3 floats (OutputSize x 3 examples), but the Net.Output given has 2"));

    [Fact]
    public void AnInlineArrayOfTheRightLength_IsSilent() =>
        AssertSilent(InMethod("Net.Input example = default;\n        scorer.Predict(example);\n        Net.Output two = default;\n        scorer.Predict(new float[8], two);"));

    [Fact]
    public void ANamedArgument_IsReportedWithItsName() => AssertReports(
        InMethod("scorer.Predict(x: new float[3]);"),
        "x: new float[3]", ExpectsFour + "array given has 3");

    [Fact]
    public void ArgumentsInAnyOrder_AreMatchedToTheirParameters() => AssertReports(
        InMethod("net.Predict(output: new float[3], x: new float[8]);"),
        "output: new float[3]",
        "Net.Predict(x, output) expects output to hold exactly 4 floats (OutputSize x 2 examples), but the array given has 3");

    [Theory]
    [InlineData("new float[100]", "array given has 100")]
    [InlineData("[1f, 2f]", "collection expression given has 2")]
    [InlineData("stackalloc float[5]", "stackalloc buffer given has 5")]
    [InlineData("x", "array 'x' given has 7")]
    public void UnderPreviewLanguageRules_TheSameFormsAreReported(string argument, string given)
    {
        // C# 14's first-class spans turn float[] -> ReadOnlySpan<float> into a built-in conversion; the lengths stay.
        var source = InMethod($"var x = new float[7];\n        scorer.Predict({argument});");
        var preview = new CSharpParseOptions(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create("Preview", [CSharpSyntaxTree.ParseText(source, preview, GeneratorHarness.SourcePath)],
            GeneratorHarness.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: preview)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        var diagnostic = Assert.Single(Analyze(output));
        Assert.Equal(argument, PointedAt(diagnostic));
        Assert.Equal(ExpectsFour + given, diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TopLevelStatements_AreAnalyzedToo()
    {
        var source = """
            using NetGen;

            var net = new Net();
            var x = new float[3];
            System.Console.WriteLine(net.Predict(x));

            [Network(4, 1)] public partial class Net { }
            """;
        var run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source, OutputKind.ConsoleApplication), new NetworkGenerator());
        run.AssertNoErrors();
        var diagnostic = Assert.Single(Analyze(run.OutputCompilation));
        Assert.Equal("x", PointedAt(diagnostic));
        Assert.Equal("Net.Predict(x) expects x to hold exactly 4 floats (InputSize), but the array 'x' given has 3",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }
}

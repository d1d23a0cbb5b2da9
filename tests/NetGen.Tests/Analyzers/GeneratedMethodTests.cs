using Xunit;
using static NetGen.Tests.Analyzers.ShapeAnalysis;

namespace NetGen.Tests.Analyzers;

/// <summary>
/// The length rule of every generated span method, as its run-time guard has it. <c>Net</c>: InputSize 4,
/// OutputSize 2. <c>Scorer</c>: InputSize 4, OutputSize 1.
/// </summary>
public sealed class GeneratedMethodTests
{
    [Theory]
    [InlineData("new float[4]")]
    [InlineData("new float[12]")]
    public void Forward_WithWholeExamples_IsSilent(string x) => AssertSilent(InMethod($"net.Forward({x}, caches);"));

    [Theory]
    [InlineData("new float[6]", "6")]
    [InlineData("new float[0]", "0")]
    public void Forward_WithoutAWholeNumberOfExamples_IsReported(string x, string given) => AssertReports(
        InMethod($"net.Forward({x}, caches);"), x,
        $"Net.Forward(x, caches) expects x to hold a positive multiple of 4 floats (InputSize), but the array given has {given}");

    [Fact]
    public void Backward_WithWholeRowsOfLabels_IsSilent() => AssertSilent(InMethod("net.Backward(new float[6], caches, gradients);"));

    [Fact]
    public void Backward_WithoutWholeRowsOfLabels_IsReported() => AssertReports(
        InMethod("net.Backward(new float[3], caches, gradients);"), "new float[3]",
        "Net.Backward(y, caches, gradients) expects y to hold a positive multiple of 2 floats (OutputSize), but the array given has 3");

    [Fact]
    public void ComputeCost_WithMatchingWholeRows_IsSilent() => AssertSilent(InMethod("Net.ComputeCost(new float[4], [1f, 0f, 1f, 1f]);"));

    [Fact]
    public void ComputeCost_WithALabelOfADifferentLength_ReportsY() => AssertReports(
        InMethod("Net.ComputeCost(new float[4], new float[6]);"), "new float[6]",
        "Net.ComputeCost(al, y) expects y to hold exactly 4 floats (as many as al), but the array given has 6");

    [Fact]
    public void ComputeCost_WithoutWholeRows_ReportsBoth() => AssertReportsAll(
        InMethod("Net.ComputeCost(new float[3], [1f, 0f, 1f]);"),
        ("new float[3]", "Net.ComputeCost(al, y) expects al to hold a positive multiple of 2 floats (OutputSize), but the array given has 3"),
        ("[1f, 0f, 1f]", "Net.ComputeCost(al, y) expects y to hold a positive multiple of 2 floats (OutputSize), but the collection expression given has 3"));

    [Fact]
    public void ComputeCost_WithUnknownOutputs_ChecksOnlyThatTheLabelsAreWholeRows()
    {
        AssertSilent(InMethod("Net.ComputeCost(span, new float[8]);"));
        AssertReports(InMethod("Net.ComputeCost(span, new float[5]);"), "new float[5]",
            "Net.ComputeCost(al, y) expects y to hold a positive multiple of 2 floats (OutputSize), but the array given has 5");
    }

    [Theory]
    [InlineData("new float[4], new float[2]")]
    [InlineData("new float[12], new float[6]")]
    [InlineData("parameter, new float[4]")]
    [InlineData("new float[8], parameter")]
    public void PredictMany_WithFittingLengths_IsSilent(string arguments) => AssertSilent(InMethod($"net.Predict({arguments});"));

    [Theory]
    [InlineData("new float[5]", "2", "5")]
    [InlineData("new float[6]", "4", "6")]
    public void PredictMany_WithAnInputOfPartExamples_ReportsX(string x, string outputLength, string given) => AssertReports(
        InMethod($"net.Predict({x}, new float[{outputLength}]);"), x,
        $"Net.Predict(x, output) expects x to hold a positive multiple of 4 floats (InputSize), but the array given has {given}");

    [Theory]
    [InlineData("5")]
    [InlineData("8")] // whole rows, but for 4 examples instead of 3
    [InlineData("2")]
    public void PredictMany_WithThreeExamplesAndAnotherOutputLength_ReportsOutput(string outputLength) => AssertReports(
        InMethod($"net.Predict(new float[12], new float[{outputLength}]);"), $"new float[{outputLength}]",
        $"Net.Predict(x, output) expects output to hold exactly 6 floats (OutputSize x 3 examples), but the array given has {outputLength}");

    [Fact]
    public void PredictMany_WithOneExample_SaysOneExample() => AssertReports(
        InMethod("Span<float> output = stackalloc float[1];\n        net.Predict([1f, 2f, 3f, 4f], output);"), "output",
        "Net.Predict(x, output) expects output to hold exactly 2 floats (OutputSize x 1 example), but the span 'output' given has 1");

    [Fact]
    public void PredictMany_WithAnUnknownInput_ChecksOnlyThatTheOutputIsWholeRows() => AssertReports(
        InMethod("net.Predict(parameter, new float[3]);"), "new float[3]",
        "Net.Predict(x, output) expects output to hold a positive multiple of 2 floats (OutputSize), but the array given has 3");

    [Fact]
    public void PredictMany_WithBothWrong_ReportsBoth() => AssertReportsAll(
        InMethod("net.Predict(new float[5], new float[3]);"),
        ("new float[5]", "Net.Predict(x, output) expects x to hold a positive multiple of 4 floats (InputSize), but the array given has 5"),
        ("new float[3]", "Net.Predict(x, output) expects output to hold a positive multiple of 2 floats (OutputSize), but the array given has 3"));

    [Fact]
    public void BothPredictOverloadsOfASingleOutputNetwork_AreChecked()
    {
        AssertSilent(InMethod("scorer.Predict(new float[8], new float[2]);\n        scorer.Predict(new float[4]);"));
        AssertReportsAll(InMethod("scorer.Predict(new float[8], new float[3]);\n        scorer.Predict(new float[8]);"),
            ("new float[3]", "Scorer.Predict(x, output) expects output to hold exactly 2 floats (OutputSize x 2 examples), but the array given has 3"),
            ("new float[8]", "Scorer.Predict(x) expects x to hold exactly 4 floats (InputSize), but the array given has 8"));
    }

    [Theory]
    [InlineData("new float[8], new float[4]")]
    [InlineData("parameter, new float[6]")]
    [InlineData("new float[4], span")]
    public void Train_WithFittingLengths_IsSilent(string arguments) => AssertSilent(InMethod($"net.Train({arguments}, options);"));

    [Fact]
    public void Train_WithLabelsForAnotherNumberOfExamples_ReportsY() => AssertReports(
        InMethod("net.Train(new float[8], new float[2], options);"), "new float[2]",
        "Net.Train(x, y, options) expects y to hold exactly 4 floats (OutputSize x 2 examples), but the array given has 2");

    [Fact]
    public void Train_WithAnInputOfPartExamples_ReportsX() => AssertReports(
        InMethod("net.Train(new float[7], new float[2], options);"), "new float[7]",
        "Net.Train(x, y, options) expects x to hold a positive multiple of 4 floats (InputSize), but the array given has 7");

    [Fact]
    public void Train_WithUnknownInputs_ChecksOnlyThatTheLabelsAreWholeRows() => AssertReports(
        InMethod("net.Train(parameter, [1f, 0f, 1f], options);"), "[1f, 0f, 1f]",
        "Net.Train(x, y, options) expects y to hold a positive multiple of 2 floats (OutputSize), but the collection expression given has 3");

    [Fact]
    public void MembersWithoutBuffers_AreSilent() =>
        AssertSilent(InMethod("net.UpdateParameters(gradients, 0.1f);\n        net.InitializeParameters(1);\n        _ = new Net.Caches(3);"));
}

using Xunit;
using static NetGen.Tests.Analyzers.ShapeAnalysis;

namespace NetGen.Tests.Analyzers;

/// <summary>
/// Lengths the compiler cannot know stay silent, even where the value at run time would be wrong:
/// the analyzer reports only what is certain. <c>Scorer.Predict(x)</c> takes exactly 4 floats.
/// </summary>
public sealed class UnknownLengthTests
{
    [Theory]
    [InlineData("parameter")]
    [InlineData("span")]
    [InlineData("field")]
    [InlineData("Make()")]
    [InlineData("new float[count]")]
    [InlineData("new float[count + 1]")]
    [InlineData("span.Slice(0, 3)")]
    [InlineData("span[..3]")]
    [InlineData("new Span<float>(new float[9]).Slice(0, 3)")]
    [InlineData("new float[9].AsSpan(0, 3)")]
    [InlineData("new ReadOnlySpan<float>(new float[3])")]
    [InlineData("count > 0 ? new float[3] : new float[5]")]
    [InlineData("[.. parameter]")]
    [InlineData("[1f, .. parameter]")]
    [InlineData("[.. new float[3]]")]
    [InlineData("default")]
    [InlineData("stackalloc float[count]")]
    [InlineData("new float[3_000_000_000L]")] // more than an array holds: fails at run time whatever the network
    public void AnArgumentOfUnknownLength_IsSilent(string argument) =>
        AssertSilent(InMethod($"scorer.Predict({argument});"));

    [Theory]
    [InlineData("x = new float[4];")] // reassigned after the call: the call may run again in a loop
    [InlineData("x = parameter;")]
    [InlineData("x ??= parameter;")]
    [InlineData("Array.Resize(ref x, 4);")]
    [InlineData("Replace(out x);")]
    [InlineData("(x, count) = (parameter, 1);")]
    [InlineData("(count, (x, count)) = (1, (parameter, 1));")]
    [InlineData("ref var alias = ref x; alias = parameter;")]
    [InlineData("Action reset = () => x = parameter; reset();")]
    [InlineData("void Reset() => x = parameter; Reset();")]
    [InlineData("ReadIn(in x);")]
    public void ALocalAssignedAnywhereElse_IsSilent(string elsewhere) =>
        AssertSilent(InMethod($"var x = new float[3];\n        scorer.Predict(x);\n        {elsewhere}"));

    [Fact]
    public void ALocalAssignedBeforeTheCall_IsSilent() =>
        AssertSilent(InMethod("var x = new float[3];\n        x = parameter;\n        scorer.Predict(x);"));

    [Fact]
    public void ALocalDeclaredWithoutAnInitializer_IsSilent() =>
        AssertSilent(InMethod("float[] x;\n        x = new float[3];\n        scorer.Predict(x);"));

    [Fact]
    public void ALocalFromAnOutVariable_IsSilent() =>
        AssertSilent(InMethod("Replace(out var x);\n        scorer.Predict(x);"));

    [Fact]
    public void ALocalFromAPattern_IsSilent() =>
        AssertSilent(InMethod("object o = new float[3];\n        if (o is float[] x) scorer.Predict(x);"));

    [Fact]
    public void ALocalInitializedFromAnUnknownLength_IsSilent() =>
        AssertSilent(InMethod("var x = new float[count];\n        var y = x;\n        scorer.Predict(y);"));

    [Fact]
    public void AnArrayFieldInitializedWithAKnownLength_IsSilent() =>
        // Fields can be assigned anywhere; field is new float[3] here.
        AssertSilent(InMethod("scorer.Predict(field);"));
}

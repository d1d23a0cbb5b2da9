using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>The element-wise loops against one float operation per element.</summary>
public sealed class VectorMathTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(20)]
    [InlineData(33)]
    [InlineData(100)]
    public void Add_AddsEveryElement_AcrossWholeVectorsAndTheRest(int length)
    {
        var random = new Random(length);
        var target = new float[length + 2];
        var values = new float[length];
        for (var i = 0; i < target.Length; i++) target[i] = (float)random.NextDouble() - 0.5f;
        for (var i = 0; i < length; i++) values[i] = (float)random.NextDouble() * 1000f;
        var expected = (float[])target.Clone();
        for (var i = 0; i < length; i++) expected[i] = target[i] + values[i];

        VectorMath.Add(target.AsSpan(0, length), values);

        Assert.Equal(expected, target); // the two past the span untouched
    }

    [Fact]
    public void Add_OfValuesOfAnotherLength_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => VectorMath.Add(new float[4], new float[5]));
        Assert.Equal("values", error.ParamName);
    }
}

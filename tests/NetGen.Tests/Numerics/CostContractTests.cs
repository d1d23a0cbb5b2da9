using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>What ComputeCost returns or refuses, as its documentation says, against direct double-precision sums.</summary>
public sealed class CostContractTests
{
    [Theory]
    [InlineData(2f)]
    [InlineData(-0.5f)]
    [InlineData(1.0001f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void ASigmoidOutput_RefusesALabelOutside0To1(float label)
    {
        var error = Assert.Throws<ArgumentException>(() => NumericsCourseNet.ComputeCost([0.3f, 0.6f], [1f, label]));

        Assert.Equal("y", error.ParamName);
        Assert.Contains("y[1]", error.Message);
        Assert.Contains("from 0 to 1", error.Message);
    }

    [Theory]
    [InlineData(1.5f)]
    [InlineData(-0.01f)]
    [InlineData(float.PositiveInfinity)]
    public void ASigmoidOutput_RefusesAnOutputOutside0To1(float output)
    {
        var error = Assert.Throws<ArgumentException>(() => NumericsCourseNet.ComputeCost([output, 0.5f], [1f, 0f]));
        Assert.Equal("al", error.ParamName);
        Assert.Contains("al[0]", error.Message);
    }

    [Fact]
    public void ASigmoidOutput_GivesNaNForANaNOutput_AndAFiniteNonNegativeCostOtherwise()
    {
        Assert.True(float.IsNaN(NumericsCourseNet.ComputeCost([float.NaN, 0.5f], [1f, 0f])));

        float[] al = [0f, 1f, 0.25f, 1f, 0f], y = [1f, 0f, 0.5f, 1f, 0f];
        var cost = NumericsCourseNet.ComputeCost(al, y);
        // Saturated outputs count as log(float.Epsilon), as documented: -(log eps + log eps + 0.5 log .25 + 0.5 log .75) / 5.
        var expected = -(2 * Math.Log(float.Epsilon) + 0.5 * Math.Log(0.25) + 0.5 * Math.Log(0.75)) / 5;
        Assert.Equal(expected, cost, 5);
        Assert.True(cost >= 0);
    }

    [Fact]
    public void ALinearOutput_RefusesNonFiniteLabels_AndOverflowsToInfinity()
    {
        var error = Assert.Throws<ArgumentException>(() => NumericsSingleTiledLinear.ComputeCost(new float[10], [0, 0, 0, 0, 0, 0, 0, float.NaN, 0, 0]));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("y[7]", error.Message);

        var al = new float[10];
        al[3] = 1e30f;
        Assert.Equal(float.PositiveInfinity, NumericsSingleTiledLinear.ComputeCost(al, new float[10]));
        al[3] = float.NegativeInfinity;
        Assert.Equal(float.PositiveInfinity, NumericsSingleTiledLinear.ComputeCost(al, new float[10]));
        al[3] = float.NaN;
        Assert.True(float.IsNaN(NumericsSingleTiledLinear.ComputeCost(al, new float[10])));
        al[3] = 3f;
        Assert.Equal(0.5 * 9 / 2, NumericsSingleTiledLinear.ComputeCost(al, new float[10]), 6);
    }

    [Fact]
    public void Train_RefusesALabelOutside0To1_BeforeChangingAnything()
    {
        var net = new NumericsCourseNet();
        net.InitializeParameters(1);
        var before = net.W1.ToArray();

        var error = Assert.Throws<ArgumentException>(() => net.Train(new float[10], [0f, 2f], new TrainingOptions { Iterations = 5 }));

        Assert.Equal("y", error.ParamName);
        Assert.Contains("y[1] is 2", error.Message);
        Assert.Equal(before, net.W1);
    }
}

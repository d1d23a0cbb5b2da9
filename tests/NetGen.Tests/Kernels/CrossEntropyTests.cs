using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>The binary cross-entropy sum against the formula term by term with Math.Log, hard and soft labels alike.</summary>
public sealed class CrossEntropyTests
{
    static double Reference(float[] al, float[] y)
    {
        double sum = 0;
        for (int i = 0; i < al.Length; i++)
            sum -= y[i] * Math.Log(Math.Max((double)al[i], float.Epsilon)) + (1 - (double)y[i]) * Math.Log(Math.Max(1 - (double)al[i], float.Epsilon));
        return sum;
    }

    static (float[] Al, float[] Y) Case(int n, int seed, Func<Random, int, float> label)
    {
        var random = new Random(seed);
        var al = new float[n];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            al[i] = (float)random.NextDouble();
            y[i] = label(random, i);
        }
        // Outputs saturated at exactly 0 and 1, against either label.
        if (n > 3) { al[0] = 0f; al[1] = 1f; al[2] = 1f; al[3] = 0f; y[0] = 1f; y[1] = 0f; y[2] = 1f; y[3] = 0f; }
        return (al, y);
    }

    public static TheoryData<int> Lengths => new() { 0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 64, 300, 1001 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void HardLabels_MatchTheFormula(int n)
    {
        var (al, y) = Case(n, n, (r, _) => r.Next(2));
        Assert.Equal(Reference(al, y), CrossEntropy.Binary(al, y), Math.Max(1e-12, Math.Abs(Reference(al, y)) * 1e-13));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SoftAndMixedLabels_MatchTheFormula(int n)
    {
        // Every third label soft: most vectors mix hard and soft labels, so they take both logarithms.
        var (al, y) = Case(n, 100 + n, (r, i) => i % 3 == 2 ? (float)r.NextDouble() : r.Next(2));
        Assert.Equal(Reference(al, y), CrossEntropy.Binary(al, y), Math.Max(1e-12, Math.Abs(Reference(al, y)) * 1e-13));
    }

    [Theory]
    [InlineData(1f, 5)]
    [InlineData(0f, 5)]
    [InlineData(1f, 300)]
    [InlineData(0.5f, 300)]
    public void ANaNOutput_GivesNaN_WhateverItsLabel(float label, int n)
    {
        var (al, y) = Case(n, 7, (r, _) => r.Next(2));
        al[n - 2] = float.NaN;
        y[n - 2] = label;
        Assert.True(double.IsNaN(CrossEntropy.Binary(al, y)));
    }

    [Fact]
    public void SaturatedOutputs_StayFinite()
    {
        var al = new float[16];
        var y = new float[16];
        for (int i = 0; i < 16; i++) { al[i] = i % 2; y[i] = 1 - i % 2; }
        var cost = CrossEntropy.Binary(al, y);
        Assert.Equal(-16 * Math.Log(float.Epsilon), cost, 1e-9);
    }
}

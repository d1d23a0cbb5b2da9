using System;
using NetGen.Kernels;
using NetGen.Tests.Numerics;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>The runtime's <see cref="GramLayer"/> against sums in double, on sizes that leave every edge of its tiles.</summary>
public sealed class GramLayerTests
{
    [Theory]
    [InlineData(1, 8, 1)]
    [InlineData(3, 16, 8)]
    [InlineData(7, 301, 22)]   // rows past the last 3-row tile, inputs past the last vector, units past the last vector
    [InlineData(14, 40, 25)]   // units: three whole vectors of 8 and one more
    [InlineData(26, 5, 3)]     // fewer inputs than a vector
    public void Sums_AreZ0PlusBiasesMinusScaledGramTimesD(int m, int inputs, int units)
    {
        var x = NumericAssert.Uniform(m * inputs, seed: m + inputs);
        var weights = NumericAssert.Uniform(units * inputs, seed: 2);
        var biases = NumericAssert.Uniform(units, seed: 3);
        var dz1 = NumericAssert.Uniform(m * units, seed: 4);
        var dz2 = NumericAssert.Uniform(m * units, seed: 5);
        // Behind a ReLU whole examples have no gradient: their rows of G are skipped, the others' still count.
        for (var i = 0; i < m; i += 3)
            for (var j = 0; j < units; j++) dz2[i * units + j] = 0f;
        var dz3 = new float[m * units];
        const float scale = 0.01f;
        var layer = new GramLayer(x, m, inputs, weights, units);
        var dBiases = new float[units];
        layer.Add(dz1, dBiases, 1f / m);
        layer.Add(dz3, dBiases, 1f / m);
        layer.Add(dz2, dBiases, 1f / m);
        var z = new float[m * units];

        layer.Sums(biases, scale, z);

        var expected = new double[m * units];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < units; j++)
            {
                double z0 = 0, product = 0;
                for (var k = 0; k < inputs; k++) z0 += (double)x[i * inputs + k] * weights[j * inputs + k];
                for (var l = 0; l < m; l++)
                {
                    double gram = 0;
                    for (var k = 0; k < inputs; k++) gram += (double)x[i * inputs + k] * x[l * inputs + k];
                    product += gram * ((double)dz1[l * units + j] + dz2[l * units + j]);
                }
                expected[i * units + j] = z0 + biases[j] - scale * product;
            }
        }
        NumericAssert.Close(expected, z, 1e-5, "Z1(0) + b1 - scale G D");
        var db = new double[units];
        for (var j = 0; j < units; j++)
            for (var i = 0; i < m; i++) db[j] += dz2[i * units + j] / (double)m;
        NumericAssert.Close(db, dBiases, 1e-6, "db1 of the last dZ1 added");
    }

    [Fact]
    public void Sums_KeepFloatPrecision_WhereGramTimesDCancels()
    {
        // Pixels are all positive: every entry of G shares a large common part (about n / 4 here), and D's mixed
        // signs cancel it. G and G D are held in double so the sums stay within float rounding of the exact value;
        // the same product in float is off by about 6e-7 of the largest sum (measured with numpy), three times this bound.
        const int m = 60, inputs = 3000, units = 5;
        var random = new Random(12);
        var x = new float[m * inputs];
        for (var i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        var layer = new GramLayer(x, m, inputs, new float[units * inputs], units);
        var dz = new float[m * units];
        for (var i = 0; i < dz.Length; i++) dz[i] = (float)(random.NextDouble() - 0.5);
        layer.Add(dz, new float[units], 1f);
        var z = new float[m * units];
        const float scale = 1e-3f;

        layer.Sums(new float[units], scale, z);

        var expected = new double[m * units];
        for (var i = 0; i < m; i++)
            for (var l = 0; l < m; l++)
            {
                double gram = 0;
                for (var k = 0; k < inputs; k++) gram += (double)x[i * inputs + k] * x[l * inputs + k];
                for (var j = 0; j < units; j++) expected[i * units + j] -= scale * gram * dz[l * units + j];
            }
        NumericAssert.Close(expected, z, 2e-7, "-scale G D");
    }

    [Fact]
    public void Coefficients_AreTheSumOfEveryDzAdded_AndW0IsKept()
    {
        const int m = 4, inputs = 9, units = 3;
        var weights = NumericAssert.Uniform(units * inputs, seed: 8);
        var layer = new GramLayer(NumericAssert.Uniform(m * inputs, seed: 7), m, inputs, weights, units);
        var dz = NumericAssert.Uniform(m * units, seed: 9);

        layer.Add(dz, new float[units], 1f);
        layer.Add(dz, new float[units], 1f);
        layer.Add(dz, new float[units], 1f);

        for (var i = 0; i < dz.Length; i++) Assert.Equal(dz[i] + dz[i] + dz[i], layer.Coefficients()[i]);
        weights[0] = 42f; // a copy: later changes to W1 do not move W1(0)
        Assert.NotEqual(42f, layer.InitialWeights[0]);
    }

    [Fact]
    public void ZeroCoefficients_GiveZ0PlusBiases_Exactly()
    {
        // G D is exactly 0 before the first Add: the first iteration's sums are W1(0) X + b1 as Dot sums them.
        const int m = 5, inputs = 33, units = 9;
        var x = NumericAssert.Uniform(m * inputs, seed: 1);
        var weights = NumericAssert.Uniform(units * inputs, seed: 2);
        var biases = new float[units];
        var layer = new GramLayer(x, m, inputs, weights, units);
        var z = new float[m * units];

        layer.Sums(biases, 0.5f, z);
        var again = new float[m * units];
        new GramLayer(x, m, inputs, weights, units).Sums(biases, 0.5f, again);

        NumericAssert.Identical(z, again, "two layers made from the same inputs");
        var expected = new double[m * units];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < units; j++)
                for (var k = 0; k < inputs; k++) expected[i * units + j] += (double)x[i * inputs + k] * weights[j * inputs + k];
        NumericAssert.Close(expected, z, 1e-6, "Z1(0)");
    }

    [Fact]
    public void WrongLengths_AreRefusedNamingTheArgument()
    {
        var x = new float[6 * 10];
        var error = Assert.Throws<ArgumentException>(() => new GramLayer(x, 6, 10, new float[3 * 9], 3));
        Assert.Equal("weights", error.ParamName);
        var layer = new GramLayer(x, 6, 10, new float[3 * 10], 3);
        error = Assert.Throws<ArgumentException>(() => layer.Sums(new float[3], 1f, new float[17]));
        Assert.Equal("z", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => layer.Add(new float[18], new float[2], 1f));
        Assert.Equal("dBiases", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GramLayer(new float[0], 0, 10, new float[30], 3));
    }
}

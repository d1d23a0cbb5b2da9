using System;
using System.Runtime.Intrinsics;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The cost's logarithm against the C library's (<see cref="Math.Log(double)"/>, correctly rounded but in rare cases):
/// within an ulp of double for every kind of argument the cost passes (floats from <see cref="float.Epsilon"/> to 1, and
/// past 1), the same bits at every width and in the scalar twin, NaN and infinity kept.
/// </summary>
public sealed class DoubleLogTests
{
    static double[] Arguments()
    {
        var random = new Random(11);
        var values = new double[1 << 18];
        for (var i = 0; i < values.Length; i++)
            values[i] = (i % 4) switch
            {
                0 => (float)random.NextDouble(),                                        // outputs between 0 and 1
                1 => BitConverter.Int32BitsToSingle(random.Next(1, 0x3F800001)),        // every binade down to float.Epsilon
                2 => 1 - (double)(float)(random.NextDouble() * 1e-3),                   // near 1, where log is smallest
                _ => random.NextDouble() * 1e6 + 1,                                     // past 1
            };
        values[0] = float.Epsilon;
        values[1] = 1;
        values[2] = 0.5;
        values[3] = Math.Sqrt(0.5);
        values[4] = Math.BitDecrement(Math.Sqrt(0.5));
        values[5] = Math.BitDecrement(1.0);
        return values;
    }

    [Fact]
    public void EveryWidth_IsWithinAnUlpOfMathLog_WithTheScalarTwinsBits()
    {
        var x = Arguments();
        for (var i = 0; i < x.Length; i += 8)
        {
            var wide = DoubleLog.Log(Vector512.Create(x.AsSpan(i, 8)));
            var half = DoubleLog.Log(Vector256.Create(x.AsSpan(i, 4)));
            for (var lane = 0; lane < 8; lane++)
            {
                double value = x[i + lane], expected = Math.Log(value), result = DoubleLog.Log(value);
                var ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
                Assert.True(Math.Abs(result - expected) <= ulp, $"log({value:R}) gave {result:R}, Math.Log {expected:R}");
                Assert.Equal(BitConverter.DoubleToInt64Bits(result), BitConverter.DoubleToInt64Bits(wide[lane]));
                if (lane < 4) Assert.Equal(BitConverter.DoubleToInt64Bits(result), BitConverter.DoubleToInt64Bits(half[lane]));
            }
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NaNAndInfinity_AreKept(double x)
    {
        Assert.Equal(Math.Log(x), DoubleLog.Log(x));
        Assert.Equal(Math.Log(x), DoubleLog.Log(Vector512.Create(x))[3]);
        Assert.Equal(Math.Log(x), DoubleLog.Log(Vector256.Create(x))[1]);
    }
}

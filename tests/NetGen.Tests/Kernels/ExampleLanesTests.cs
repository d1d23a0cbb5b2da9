using System;
using NetGen.Kernels;
using NetGen.Kernels.Simd;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The small-layer kernels' shared pieces at every width, called directly so all three run on any machine: the
/// exponential and softmax against double arithmetic and across widths, and the blocked layout's round trip with the
/// lanes past the last example zero.
/// </summary>
public sealed class ExampleLanesTests
{
    [Fact]
    public void ExpOfEveryWidth_IsTheNearestFloatAndTheSameBitsAsTheScalarTwin()
    {
        Exp<Simd512>();
        Exp<Simd256>();
        Exp<SimdScalar>();
    }

    static void Exp<T>() where T : struct, ISimd<T>
    {
        var random = new Random(3);
        var z = new float[ExampleLanes.Block];
        for (var round = 0; round < 200; round++)
        {
            for (var i = 0; i < z.Length; i++) z[i] = (float)(random.NextDouble() * 160 - 80);
            z[0] = 0f;
            var result = new float[ExampleLanes.Block];
            for (var s = 0; s < z.Length; s += T.Count) T.Store(ExampleLanes.Exp(T.Load(ref z[s])), ref result[s]);
            for (var i = 0; i < z.Length; i++)
            {
                Assert.Equal(ExampleLanes.Exp(z[i]), result[i]);
                // e^z in double rounded once: the nearest float (within rounding of the double exponential itself).
                Assert.Equal((float)Math.Exp(z[i]), result[i], (float)Math.Exp(z[i]) * 1.2e-7f);
            }
            Assert.Equal(1f, result[0]);
        }
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(15, 3)]
    [InlineData(16, 3)]
    [InlineData(17, 3)]
    [InlineData(40, 3)]
    // Whole blocks of one and two features take their own copies (vectors, permutes), of more the hardware gathers.
    [InlineData(40, 1)]
    [InlineData(40, 2)]
    [InlineData(33, 16)]
    public void BlockedLayout_RoundTripsAndZeroesTheLanesPastTheLastExample(int m, int width)
    {
        var rows = new float[m * width];
        for (var i = 0; i < rows.Length; i++) rows[i] = i + 1;
        var blocked = new float[ExampleLanes.Length(m, width)];
        blocked.AsSpan().Fill(float.NaN);
        ExampleLanes.FromSampleMajor(rows, width, m, blocked);
        for (var i = 0; i < ExampleLanes.Blocks(m) * ExampleLanes.Block; i++)
            for (var k = 0; k < width; k++)
            {
                var value = blocked[i / 16 * 16 * width + k * 16 + i % 16];
                Assert.Equal(i < m ? rows[i * width + k] : 0f, value);
            }
        var back = new float[m * width + 1];
        back[^1] = -1f;
        ExampleLanes.ToSampleMajor(blocked, width, m, back);
        Assert.Equal(rows, back[..^1]);
        Assert.Equal(-1f, back[^1]); // nothing written past example m
    }
}

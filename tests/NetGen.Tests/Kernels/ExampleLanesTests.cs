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
    public void ReLUOfEveryWidth_IsMathFMaxWithZero_BitForBit()
    {
        // NaN stays NaN and -0 becomes +0, as MathF.Max gives them (ISimd.ReLU; the vector widths use the processor's max).
        ReLU<Simd512>();
        ReLU<Simd256>();
        ReLU<SimdScalar>();
    }

    static void ReLU<T>() where T : struct, ISimd<T>
    {
        float[] edges = [float.NaN, -float.NaN, -0f, 0f, float.Epsilon, -float.Epsilon, float.PositiveInfinity, float.NegativeInfinity,
            float.MaxValue, float.MinValue, 1e-40f, -1e-40f, 1f, -1f, 0.5f, -3.25f];
        var random = new Random(3);
        var z = new float[16 * 64];
        for (var i = 0; i < z.Length; i++) z[i] = i < edges.Length ? edges[i] : (float)(random.NextDouble() * 20 - 10);
        var result = new float[z.Length];
        for (var s = 0; s < z.Length; s += T.Count) T.Store(ExampleLanes.ReLU(T.Load(ref z[s])), ref result[s]);
        for (var i = 0; i < z.Length; i++)
        {
            var expected = MathF.Max(z[i], 0f);
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(result[i]) || float.IsNaN(expected) && float.IsNaN(result[i]),
                $"{typeof(T).Name}: ReLU({z[i]:R}) gave {result[i]:R} (bits {BitConverter.SingleToInt32Bits(result[i]):X8}), expected {expected:R}");
        }
    }

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

    // The double-precision exponential rounded once is the float nearest e^z (ties aside, which a sweep this size does not
    // meet): against Math.Exp over the whole float range where e^z is neither 0 nor infinite, and at the edges (overflow to
    // infinity past 88.72, subnormal results below -87.3, 0 past -103.97, NaN kept), at every width and in the scalar twin.
    [Fact]
    public void Exp_IsTheNearestFloatOverTheWholeRange_AndAtTheEdges()
    {
        ExpSweep<Simd512>();
        ExpSweep<Simd256>();
        ExpSweep<SimdScalar>();
    }

    static void ExpSweep<T>() where T : struct, ISimd<T>
    {
        float[] edges = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 88.72f, 88.73f, 100f, 1e30f, -87.3f,
            -95f, -103.9f, -104.5f, -200f, -1e30f, 0f, -0f, 1e-30f, -1e-30f, 1f];
        var z = new float[(100_000 + edges.Length + 15) / 16 * 16];
        for (var i = 0; i < z.Length; i++) z[i] = -104f + 193f * i / z.Length;
        edges.CopyTo(z, 0);
        var result = new float[z.Length];
        for (var s = 0; s < z.Length; s += T.Count) T.Store(ExampleLanes.Exp(T.Load(ref z[s])), ref result[s]);
        for (var i = 0; i < z.Length; i++)
        {
            var expected = (float)Math.Exp(z[i]);
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(result[i]) || float.IsNaN(expected) && float.IsNaN(result[i]),
                $"{typeof(T).Name}: e^{z[i]:R} gave {result[i]:R}, the nearest float is {expected:R}");
            Assert.Equal(BitConverter.SingleToInt32Bits(ExampleLanes.Exp(z[i])), BitConverter.SingleToInt32Bits(result[i]));
        }
    }

    // Whole blocks of one and two features take their own copies (vectors, permutes); where AVX-512 runs, chunks of 16
    // features and a last chunk of 8 to 15 go through the in-register transpose (masked loads and stores for the last);
    // the features left in a whole block take hardware gathers, the rest element by element: every case here, each next
    // to the scalar definition.
    [Theory]
    [InlineData(1, 3)]
    [InlineData(15, 3)]
    [InlineData(16, 3)]
    [InlineData(17, 3)]
    [InlineData(40, 3)]
    [InlineData(40, 1)]
    [InlineData(40, 2)]
    [InlineData(33, 16)]
    [InlineData(1, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 37)]
    [InlineData(40, 64)]
    [InlineData(5, 70)]
    [InlineData(17, 10)]
    [InlineData(33, 8)]
    [InlineData(16, 24)]
    [InlineData(20, 7)]
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

    // Batches of 16 rows or more take the vector path, in blocks of 16 (the last perhaps partly filled), fewer one row at a
    // time: against softmax in double, and the same bits as each row on its own (one row always goes one at a time).
    [Theory]
    [InlineData(1, 10)]
    [InlineData(16, 10)]
    [InlineData(37, 10)]
    [InlineData(48, 3)]
    [InlineData(33, 64)]
    [InlineData(20, 65)]
    public void SoftmaxRows_MatchDoubleArithmetic_AndEachRowAlone(int m, int width)
    {
        var random = new Random(m * 100 + width);
        var z = new float[m * width + 1];
        for (var i = 0; i < z.Length; i++) z[i] = (float)(random.NextDouble() * 40 - 20);
        z[width] = 5000f; // one huge logit: e^z would overflow without the max subtracted
        var rows = (float[])z.Clone();
        Softmax.Rows(rows, m, width);
        Assert.Equal(z[^1], rows[^1]); // nothing past row m
        for (var i = 0; i < m; i++)
        {
            var alone = z.AsSpan(i * width, width).ToArray();
            Softmax.Rows(alone, 1, width);
            double max = double.NegativeInfinity, sum = 0;
            for (var j = 0; j < width; j++) max = Math.Max(max, z[i * width + j]);
            for (var j = 0; j < width; j++) sum += Math.Exp(z[i * width + j] - max);
            for (var j = 0; j < width; j++)
            {
                var expected = Math.Exp(z[i * width + j] - max) / sum;
                // float rounds z - max (up to 20 here: 1.2e-6 relatively in e^) and the sum of up to 65 terms
                Assert.Equal(expected, rows[i * width + j], 6e-6 * expected + 1e-30);
                Assert.Equal(BitConverter.SingleToInt32Bits(alone[j]), BitConverter.SingleToInt32Bits(rows[i * width + j]));
            }
        }
    }
}

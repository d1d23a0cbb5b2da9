using System;
using NetGen.Kernels;
using NetGen.Kernels.Simd;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// One softmax row (PredictOne's) at every width: the exponentials a vector at a time give the bits of the scalar row,
/// which the batch's blocks of rows give too, and softmax in double within rounding, whatever the row's length.
/// </summary>
public sealed class SoftmaxOneRowTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(64)]
    public void OneRowGivesTheScalarBitsAtEveryWidth(int width)
    {
        var random = new Random(width);
        var z = new float[width + 1];
        for (var j = 0; j < z.Length; j++) z[j] = (float)(random.NextDouble() * 40 - 20);
        z[width / 2] = 3000f; // would overflow e^z without the max subtracted
        z[^1] = -7f; // past the row: left alone
        var scalar = (float[])z.Clone();
        Softmax.OneRow<SimdScalar>(scalar.AsSpan(0, width));
        double max = double.NegativeInfinity, sum = 0;
        for (var j = 0; j < width; j++) max = Math.Max(max, z[j]);
        for (var j = 0; j < width; j++) sum += Math.Exp(z[j] - max);
        foreach (var (name, row) in new[] { ("512", Run<Simd512>(z, width)), ("256", Run<Simd256>(z, width)), ("dispatched", Dispatched(z, width)) })
        {
            Assert.Equal(-7f, row[^1]);
            for (var j = 0; j < width; j++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(scalar[j]) == BitConverter.SingleToInt32Bits(row[j]),
                    $"{name}, width {width}, j {j}: scalar {scalar[j]:R}, vector {row[j]:R}.");
                var expected = Math.Exp(z[j] - max) / sum;
                Assert.Equal(expected, row[j], 6e-6 * expected + 1e-30);
            }
        }
    }

    static float[] Run<T>(float[] z, int width) where T : struct, ISimd<T>
    {
        var row = (float[])z.Clone();
        Softmax.OneRow<T>(row.AsSpan(0, width));
        return row;
    }

    static float[] Dispatched(float[] z, int width)
    {
        var row = (float[])z.Clone();
        Softmax.Rows(row, 1, width);
        return row;
    }
}

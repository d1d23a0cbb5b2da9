using System;
using NetGen.Kernels.Dense;
using NetGen.Kernels.Simd;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// <see cref="ForwardTiles.LaneSums{T}"/>, which turns the forward tiles' vectors of partial sums into outputs a vector of
/// them at a time: each output, bit for bit, the balanced tree of adjacent lane pairs computed independently in float
/// (the order <see cref="ISimd{TSelf}.Sum"/> adds in, so the outputs keep their bits), for counts that fill whole
/// batches, leave a rest, or have no whole batch at all, at every width.
/// </summary>
public sealed class LaneSumsTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var width in new[] { "512", "256", "scalar" })
            foreach (var count in new[] { 0, 1, 7, 8, 16, 20, 33, 4180 })
                data.Add(width, count);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachSum_IsItsVectorsBalancedTree(string width, int count)
    {
        switch (width)
        {
            case "512": Check<Simd512>(count); break;
            case "256": Check<Simd256>(count); break;
            default: Check<SimdScalar>(count); break;
        }
    }

    static void Check<T>(int count) where T : struct, ISimd<T>
    {
        int lanes = T.Count;
        var random = new Random(count * 31 + lanes);
        var vectors = new float[count * lanes];
        // Magnitudes from 1e-3 to 1e3 and both signs, so every association of the adds rounds differently.
        for (var i = 0; i < vectors.Length; i++) vectors[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)));
        // One float past the sums: nothing may be written there.
        var sums = new float[count + 1];
        sums[count] = 42f;
        if (count > 0) ForwardTiles.LaneSums<T>(ref vectors[0], ref sums[0], count);
        for (var v = 0; v < count; v++)
            Assert.True(BitConverter.SingleToInt32Bits(Tree(vectors, v * lanes, lanes)) == BitConverter.SingleToInt32Bits(sums[v]),
                $"sum {v} of {count} at {lanes} lanes: expected {Tree(vectors, v * lanes, lanes):R}, got {sums[v]:R}");
        Assert.Equal(42f, sums[count]);

        static float Tree(float[] values, int start, int length) =>
            length == 1 ? values[start] : Tree(values, start, length / 2) + Tree(values, start + length / 2, length / 2);
    }
}

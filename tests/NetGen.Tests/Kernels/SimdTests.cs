using System;
using NetGen.Kernels.Simd;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// Every width's operations, lane by lane, against plain double-precision arithmetic. Each width is called directly, so
/// all three run on any machine (a width the CPU does not accelerate runs in software, slowly but with the same results).
/// </summary>
public sealed class SimdTests
{
    [Fact]
    public void TheWidestWidth_IsOneOfTheThree() => Assert.Contains(SimdDispatch.Width, new[] { 16, 8, 1 });

    [Fact]
    public void Width512Lanes_MatchDoubleArithmetic() => LanesMatchDoubleArithmetic<Simd512>(16);

    [Fact]
    public void Width256Lanes_MatchDoubleArithmetic() => LanesMatchDoubleArithmetic<Simd256>(8);

    [Fact]
    public void ScalarLanes_MatchDoubleArithmetic() => LanesMatchDoubleArithmetic<SimdScalar>(1);

    [Fact]
    public void Width512PairSums_GiveEachVectorsSumInItsLane() => PairSumsGiveEachVectorsSum<Simd512>();

    [Fact]
    public void Width256PairSums_GiveEachVectorsSumInItsLane() => PairSumsGiveEachVectorsSum<Simd256>();

    /// <summary>log2(Count) rounds of pair sums over Count vectors: lane i holds vector i's Sum, bit for bit, and its
    /// balanced tree of adjacent pairs (((v0 + v1) + (v2 + v3)) + ...) in float, independently computed.</summary>
    static void PairSumsGiveEachVectorsSum<T>() where T : struct, ISimd<T>
    {
        int count = T.Count;
        var random = new Random(count + 7);
        var vectors = new float[count][];
        var round = new T[count];
        for (var v = 0; v < count; v++)
        {
            vectors[v] = new float[count];
            // Magnitudes from 1e-3 to 1e3 and both signs, so every association of the adds rounds differently.
            for (var i = 0; i < count; i++) vectors[v][i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)));
            round[v] = T.Load(ref vectors[v][0]);
        }
        for (var n = count; n > 1; n /= 2)
            for (var v = 0; v < n / 2; v++) round[v] = T.PairSums(round[2 * v], round[2 * v + 1]);
        var lanes = new float[count];
        T.Store(round[0], ref lanes[0]);
        for (var v = 0; v < count; v++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(Tree(vectors[v], 0, count)), BitConverter.SingleToInt32Bits(lanes[v]));
            Assert.Equal(BitConverter.SingleToInt32Bits(T.Sum(T.Load(ref vectors[v][0]))), BitConverter.SingleToInt32Bits(lanes[v]));
        }

        static float Tree(float[] values, int start, int length) =>
            length == 1 ? values[start] : Tree(values, start, length / 2) + Tree(values, start + length / 2, length / 2);
    }

    static void LanesMatchDoubleArithmetic<T>(int count) where T : struct, ISimd<T>
    {
        Assert.Equal(count, T.Count);
        var random = new Random(count);
        var a = new float[count];
        var b = new float[count];
        var c = new float[count];
        for (var i = 0; i < count; i++)
        {
            a[i] = (float)(random.NextDouble() * 8 - 4);
            b[i] = (float)(random.NextDouble() * 8 - 4);
            c[i] = (float)(random.NextDouble() * 8 - 4);
        }
        a[0] = 0f; // WherePositive: 0 is not positive
        T va = T.Load(ref a[0]), vb = T.Load(ref b[0]), vc = T.Load(ref c[0]);

        Check(T.Add(va, vb), i => (float)(a[i] + (double)b[i]), 0); // exact sums of floats, rounded once
        Check(T.Subtract(va, vb), i => (float)(a[i] - (double)b[i]), 0);
        Check(T.Multiply(va, vb), i => (float)(a[i] * (double)b[i]), 0);
        Check(T.Divide(va, vb), i => a[i] / (double)b[i], 1e-7);
        // Fused: one rounding of the exact value (the scalar width without FMA rounds the product too).
        if (T.Count > 1 || System.Runtime.Intrinsics.X86.Fma.IsSupported) Check(T.MultiplyAdd(va, vb, vc), i => (float)(a[i] * (double)b[i] + c[i]), 0);
        else Check(T.MultiplyAdd(va, vb, vc), i => (float)((float)(a[i] * (double)b[i]) + (double)c[i]), 0);
        Check(T.Max(va, vb), i => Math.Max(a[i], b[i]), 0);
        Check(T.ReLU(va), i => Math.Max(a[i], 0.0), 0); // NaN, -0 and the other edges: ExampleLanesTests
        Check(T.Exp(va), i => Math.Exp(a[i]), 4e-7);
        Check(T.WherePositive(va, vb), i => a[i] > 0 ? b[i] : 0, 0);
        Check(T.Broadcast(2.5f), _ => 2.5, 0);
        Check(T.Zero, _ => 0, 0);

        double sum = 0;
        foreach (var value in a) sum += value;
        Assert.Equal(sum, T.Sum(va), 1e-5);

        // Adjacent pairs of a, then of b, each rounded once; one lane is its own sum.
        if (count == 1) Check(T.PairSums(va, vb), _ => a[0], 0);
        else Check(T.PairSums(va, vb), i => i < count / 2 ? (float)(a[2 * i] + (double)a[2 * i + 1]) : (float)(b[2 * i - count] + (double)b[2 * i - count + 1]), 0);

        void Check(T value, Func<int, double> expected, double relative)
        {
            var lanes = new float[count];
            T.Store(value, ref lanes[0]);
            for (var i = 0; i < count; i++)
                Assert.True(Math.Abs(lanes[i] - expected(i)) <= relative * Math.Abs(expected(i)),
                    $"lane {i} of {typeof(T).Name}: {lanes[i]:R}, expected {expected(i):R}");
        }
    }
}

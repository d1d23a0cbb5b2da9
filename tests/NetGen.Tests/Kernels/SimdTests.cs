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
        Check(T.Exp(va), i => Math.Exp(a[i]), 4e-7);
        Check(T.WherePositive(va, vb), i => a[i] > 0 ? b[i] : 0, 0);
        Check(T.Broadcast(2.5f), _ => 2.5, 0);
        Check(T.Zero, _ => 0, 0);

        double sum = 0;
        foreach (var value in a) sum += value;
        Assert.Equal(sum, T.Sum(va), 1e-5);

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

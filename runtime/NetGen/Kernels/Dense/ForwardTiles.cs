using System.Runtime.CompilerServices;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Dense;

/// <summary>
/// The forward pass's register tiles: examples x units, each accumulator one vector of partial sums of one output,
/// started from zero (<c>zero</c>: the first inputs of the sums) or loaded from the partial sums
/// (<c>p[r * pStride + u * Count]</c>) and stored back to them, so an output's sums do not
/// depend on the tile that computed them. Rows: <c>x</c> holds an example every <c>xStride</c> floats, W a
/// unit every <c>wStride</c>; <c>width</c> is a whole number of vectors. Shapes per width: <see cref="DenseTiles"/>.
/// </summary>
internal static class ForwardTiles
{
    /// <summary>
    /// <c>sums[i] = Sum(vector i)</c> for <paramref name="count"/> vectors side by side: a vector's worth of them at a time
    /// through log2(Count) rounds of <see cref="ISimd{TSelf}.PairSums"/> (the same bits as <see cref="ISimd{TSelf}.Sum"/>,
    /// with a fraction of its shuffles: at 16 lanes 15 pair sums instead of 16 sums), the rest one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LaneSums<T>(ref float vectors, ref float sums, int count) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        int i = 0;
        if (c == 16)
            for (; i + 16 <= count; i += 16)
            {
                ref float v = ref Unsafe.Add(ref vectors, i * c);
                T a0 = T.PairSums(T.Load(ref v), T.Load(ref Unsafe.Add(ref v, c))), a1 = T.PairSums(T.Load(ref Unsafe.Add(ref v, 2 * c)), T.Load(ref Unsafe.Add(ref v, 3 * c)));
                T a2 = T.PairSums(T.Load(ref Unsafe.Add(ref v, 4 * c)), T.Load(ref Unsafe.Add(ref v, 5 * c))), a3 = T.PairSums(T.Load(ref Unsafe.Add(ref v, 6 * c)), T.Load(ref Unsafe.Add(ref v, 7 * c)));
                T a4 = T.PairSums(T.Load(ref Unsafe.Add(ref v, 8 * c)), T.Load(ref Unsafe.Add(ref v, 9 * c))), a5 = T.PairSums(T.Load(ref Unsafe.Add(ref v, 10 * c)), T.Load(ref Unsafe.Add(ref v, 11 * c)));
                T a6 = T.PairSums(T.Load(ref Unsafe.Add(ref v, 12 * c)), T.Load(ref Unsafe.Add(ref v, 13 * c))), a7 = T.PairSums(T.Load(ref Unsafe.Add(ref v, 14 * c)), T.Load(ref Unsafe.Add(ref v, 15 * c)));
                T b0 = T.PairSums(a0, a1), b1 = T.PairSums(a2, a3), b2 = T.PairSums(a4, a5), b3 = T.PairSums(a6, a7);
                T.Store(T.PairSums(T.PairSums(b0, b1), T.PairSums(b2, b3)), ref Unsafe.Add(ref sums, i));
            }
        else if (c == 8)
            for (; i + 8 <= count; i += 8)
            {
                ref float v = ref Unsafe.Add(ref vectors, i * c);
                T a0 = T.PairSums(T.Load(ref v), T.Load(ref Unsafe.Add(ref v, c))), a1 = T.PairSums(T.Load(ref Unsafe.Add(ref v, 2 * c)), T.Load(ref Unsafe.Add(ref v, 3 * c)));
                T a2 = T.PairSums(T.Load(ref Unsafe.Add(ref v, 4 * c)), T.Load(ref Unsafe.Add(ref v, 5 * c))), a3 = T.PairSums(T.Load(ref Unsafe.Add(ref v, 6 * c)), T.Load(ref Unsafe.Add(ref v, 7 * c)));
                T.Store(T.PairSums(T.PairSums(a0, a1), T.PairSums(a2, a3)), ref Unsafe.Add(ref sums, i));
            }
        for (; i < count; i++) Unsafe.Add(ref sums, i) = T.Sum(T.Load(ref Unsafe.Add(ref vectors, i * c)));
    }

    /// <summary>A tile's accumulator at its start: zero for the first inputs of its sums, else the partial sums so far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static T Start<T>(bool zero, ref float p) where T : struct, ISimd<T> => zero ? T.Zero : T.Load(ref p);

    /// <summary>6 examples x 4 units: 24 accumulators, 6 example vectors and one weight vector in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows6Units4<T>(ref float x, nint xStride, ref float w, nint wStride, ref float p, nint pStride, nint width, bool zero) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        ref float x0 = ref x;
        ref float x1 = ref Unsafe.Add(ref x, 1 * xStride);
        ref float x2 = ref Unsafe.Add(ref x, 2 * xStride);
        ref float x3 = ref Unsafe.Add(ref x, 3 * xStride);
        ref float x4 = ref Unsafe.Add(ref x, 4 * xStride);
        ref float x5 = ref Unsafe.Add(ref x, 5 * xStride);
        ref float w0 = ref w;
        ref float w1 = ref Unsafe.Add(ref w, 1 * wStride);
        ref float w2 = ref Unsafe.Add(ref w, 2 * wStride);
        ref float w3 = ref Unsafe.Add(ref w, 3 * wStride);
        ref float p0 = ref p;
        ref float p1 = ref Unsafe.Add(ref p, 1 * pStride);
        ref float p2 = ref Unsafe.Add(ref p, 2 * pStride);
        ref float p3 = ref Unsafe.Add(ref p, 3 * pStride);
        ref float p4 = ref Unsafe.Add(ref p, 4 * pStride);
        ref float p5 = ref Unsafe.Add(ref p, 5 * pStride);
        T s00 = Start<T>(zero, ref p0), s01 = Start<T>(zero, ref Unsafe.Add(ref p0, c)), s02 = Start<T>(zero, ref Unsafe.Add(ref p0, 2 * c)), s03 = Start<T>(zero, ref Unsafe.Add(ref p0, 3 * c));
        T s10 = Start<T>(zero, ref p1), s11 = Start<T>(zero, ref Unsafe.Add(ref p1, c)), s12 = Start<T>(zero, ref Unsafe.Add(ref p1, 2 * c)), s13 = Start<T>(zero, ref Unsafe.Add(ref p1, 3 * c));
        T s20 = Start<T>(zero, ref p2), s21 = Start<T>(zero, ref Unsafe.Add(ref p2, c)), s22 = Start<T>(zero, ref Unsafe.Add(ref p2, 2 * c)), s23 = Start<T>(zero, ref Unsafe.Add(ref p2, 3 * c));
        T s30 = Start<T>(zero, ref p3), s31 = Start<T>(zero, ref Unsafe.Add(ref p3, c)), s32 = Start<T>(zero, ref Unsafe.Add(ref p3, 2 * c)), s33 = Start<T>(zero, ref Unsafe.Add(ref p3, 3 * c));
        T s40 = Start<T>(zero, ref p4), s41 = Start<T>(zero, ref Unsafe.Add(ref p4, c)), s42 = Start<T>(zero, ref Unsafe.Add(ref p4, 2 * c)), s43 = Start<T>(zero, ref Unsafe.Add(ref p4, 3 * c));
        T s50 = Start<T>(zero, ref p5), s51 = Start<T>(zero, ref Unsafe.Add(ref p5, c)), s52 = Start<T>(zero, ref Unsafe.Add(ref p5, 2 * c)), s53 = Start<T>(zero, ref Unsafe.Add(ref p5, 3 * c));
        for (nint k = 0; k < width; k += c)
        {
            T a0 = T.Load(ref Unsafe.Add(ref x0, k)), a1 = T.Load(ref Unsafe.Add(ref x1, k)), a2 = T.Load(ref Unsafe.Add(ref x2, k)), a3 = T.Load(ref Unsafe.Add(ref x3, k)), a4 = T.Load(ref Unsafe.Add(ref x4, k)), a5 = T.Load(ref Unsafe.Add(ref x5, k));
            T v0 = T.Load(ref Unsafe.Add(ref w0, k));
            s00 = T.MultiplyAdd(a0, v0, s00); s10 = T.MultiplyAdd(a1, v0, s10); s20 = T.MultiplyAdd(a2, v0, s20); s30 = T.MultiplyAdd(a3, v0, s30); s40 = T.MultiplyAdd(a4, v0, s40); s50 = T.MultiplyAdd(a5, v0, s50);
            T v1 = T.Load(ref Unsafe.Add(ref w1, k));
            s01 = T.MultiplyAdd(a0, v1, s01); s11 = T.MultiplyAdd(a1, v1, s11); s21 = T.MultiplyAdd(a2, v1, s21); s31 = T.MultiplyAdd(a3, v1, s31); s41 = T.MultiplyAdd(a4, v1, s41); s51 = T.MultiplyAdd(a5, v1, s51);
            T v2 = T.Load(ref Unsafe.Add(ref w2, k));
            s02 = T.MultiplyAdd(a0, v2, s02); s12 = T.MultiplyAdd(a1, v2, s12); s22 = T.MultiplyAdd(a2, v2, s22); s32 = T.MultiplyAdd(a3, v2, s32); s42 = T.MultiplyAdd(a4, v2, s42); s52 = T.MultiplyAdd(a5, v2, s52);
            T v3 = T.Load(ref Unsafe.Add(ref w3, k));
            s03 = T.MultiplyAdd(a0, v3, s03); s13 = T.MultiplyAdd(a1, v3, s13); s23 = T.MultiplyAdd(a2, v3, s23); s33 = T.MultiplyAdd(a3, v3, s33); s43 = T.MultiplyAdd(a4, v3, s43); s53 = T.MultiplyAdd(a5, v3, s53);
        }
        T.Store(s00, ref p0); T.Store(s01, ref Unsafe.Add(ref p0, c)); T.Store(s02, ref Unsafe.Add(ref p0, 2 * c)); T.Store(s03, ref Unsafe.Add(ref p0, 3 * c));
        T.Store(s10, ref p1); T.Store(s11, ref Unsafe.Add(ref p1, c)); T.Store(s12, ref Unsafe.Add(ref p1, 2 * c)); T.Store(s13, ref Unsafe.Add(ref p1, 3 * c));
        T.Store(s20, ref p2); T.Store(s21, ref Unsafe.Add(ref p2, c)); T.Store(s22, ref Unsafe.Add(ref p2, 2 * c)); T.Store(s23, ref Unsafe.Add(ref p2, 3 * c));
        T.Store(s30, ref p3); T.Store(s31, ref Unsafe.Add(ref p3, c)); T.Store(s32, ref Unsafe.Add(ref p3, 2 * c)); T.Store(s33, ref Unsafe.Add(ref p3, 3 * c));
        T.Store(s40, ref p4); T.Store(s41, ref Unsafe.Add(ref p4, c)); T.Store(s42, ref Unsafe.Add(ref p4, 2 * c)); T.Store(s43, ref Unsafe.Add(ref p4, 3 * c));
        T.Store(s50, ref p5); T.Store(s51, ref Unsafe.Add(ref p5, c)); T.Store(s52, ref Unsafe.Add(ref p5, 2 * c)); T.Store(s53, ref Unsafe.Add(ref p5, 3 * c));
    }

    /// <summary>3 examples x 4 units: 12 accumulators, 3 example vectors and one weight vector in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows3Units4<T>(ref float x, nint xStride, ref float w, nint wStride, ref float p, nint pStride, nint width, bool zero) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        ref float x0 = ref x;
        ref float x1 = ref Unsafe.Add(ref x, 1 * xStride);
        ref float x2 = ref Unsafe.Add(ref x, 2 * xStride);
        ref float w0 = ref w;
        ref float w1 = ref Unsafe.Add(ref w, 1 * wStride);
        ref float w2 = ref Unsafe.Add(ref w, 2 * wStride);
        ref float w3 = ref Unsafe.Add(ref w, 3 * wStride);
        ref float p0 = ref p;
        ref float p1 = ref Unsafe.Add(ref p, 1 * pStride);
        ref float p2 = ref Unsafe.Add(ref p, 2 * pStride);
        T s00 = Start<T>(zero, ref p0), s01 = Start<T>(zero, ref Unsafe.Add(ref p0, c)), s02 = Start<T>(zero, ref Unsafe.Add(ref p0, 2 * c)), s03 = Start<T>(zero, ref Unsafe.Add(ref p0, 3 * c));
        T s10 = Start<T>(zero, ref p1), s11 = Start<T>(zero, ref Unsafe.Add(ref p1, c)), s12 = Start<T>(zero, ref Unsafe.Add(ref p1, 2 * c)), s13 = Start<T>(zero, ref Unsafe.Add(ref p1, 3 * c));
        T s20 = Start<T>(zero, ref p2), s21 = Start<T>(zero, ref Unsafe.Add(ref p2, c)), s22 = Start<T>(zero, ref Unsafe.Add(ref p2, 2 * c)), s23 = Start<T>(zero, ref Unsafe.Add(ref p2, 3 * c));
        for (nint k = 0; k < width; k += c)
        {
            T a0 = T.Load(ref Unsafe.Add(ref x0, k)), a1 = T.Load(ref Unsafe.Add(ref x1, k)), a2 = T.Load(ref Unsafe.Add(ref x2, k));
            T v0 = T.Load(ref Unsafe.Add(ref w0, k));
            s00 = T.MultiplyAdd(a0, v0, s00); s10 = T.MultiplyAdd(a1, v0, s10); s20 = T.MultiplyAdd(a2, v0, s20);
            T v1 = T.Load(ref Unsafe.Add(ref w1, k));
            s01 = T.MultiplyAdd(a0, v1, s01); s11 = T.MultiplyAdd(a1, v1, s11); s21 = T.MultiplyAdd(a2, v1, s21);
            T v2 = T.Load(ref Unsafe.Add(ref w2, k));
            s02 = T.MultiplyAdd(a0, v2, s02); s12 = T.MultiplyAdd(a1, v2, s12); s22 = T.MultiplyAdd(a2, v2, s22);
            T v3 = T.Load(ref Unsafe.Add(ref w3, k));
            s03 = T.MultiplyAdd(a0, v3, s03); s13 = T.MultiplyAdd(a1, v3, s13); s23 = T.MultiplyAdd(a2, v3, s23);
        }
        T.Store(s00, ref p0); T.Store(s01, ref Unsafe.Add(ref p0, c)); T.Store(s02, ref Unsafe.Add(ref p0, 2 * c)); T.Store(s03, ref Unsafe.Add(ref p0, 3 * c));
        T.Store(s10, ref p1); T.Store(s11, ref Unsafe.Add(ref p1, c)); T.Store(s12, ref Unsafe.Add(ref p1, 2 * c)); T.Store(s13, ref Unsafe.Add(ref p1, 3 * c));
        T.Store(s20, ref p2); T.Store(s21, ref Unsafe.Add(ref p2, c)); T.Store(s22, ref Unsafe.Add(ref p2, 2 * c)); T.Store(s23, ref Unsafe.Add(ref p2, 3 * c));
    }

    /// <summary>6 examples x 1 unit: 6 accumulators, 6 example vectors and one weight vector in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows6Units1<T>(ref float x, nint xStride, ref float w, nint wStride, ref float p, nint pStride, nint width, bool zero) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        ref float x0 = ref x;
        ref float x1 = ref Unsafe.Add(ref x, 1 * xStride);
        ref float x2 = ref Unsafe.Add(ref x, 2 * xStride);
        ref float x3 = ref Unsafe.Add(ref x, 3 * xStride);
        ref float x4 = ref Unsafe.Add(ref x, 4 * xStride);
        ref float x5 = ref Unsafe.Add(ref x, 5 * xStride);
        ref float w0 = ref w;
        ref float p0 = ref p;
        ref float p1 = ref Unsafe.Add(ref p, 1 * pStride);
        ref float p2 = ref Unsafe.Add(ref p, 2 * pStride);
        ref float p3 = ref Unsafe.Add(ref p, 3 * pStride);
        ref float p4 = ref Unsafe.Add(ref p, 4 * pStride);
        ref float p5 = ref Unsafe.Add(ref p, 5 * pStride);
        T s00 = Start<T>(zero, ref p0);
        T s10 = Start<T>(zero, ref p1);
        T s20 = Start<T>(zero, ref p2);
        T s30 = Start<T>(zero, ref p3);
        T s40 = Start<T>(zero, ref p4);
        T s50 = Start<T>(zero, ref p5);
        for (nint k = 0; k < width; k += c)
        {
            T a0 = T.Load(ref Unsafe.Add(ref x0, k)), a1 = T.Load(ref Unsafe.Add(ref x1, k)), a2 = T.Load(ref Unsafe.Add(ref x2, k)), a3 = T.Load(ref Unsafe.Add(ref x3, k)), a4 = T.Load(ref Unsafe.Add(ref x4, k)), a5 = T.Load(ref Unsafe.Add(ref x5, k));
            T v0 = T.Load(ref Unsafe.Add(ref w0, k));
            s00 = T.MultiplyAdd(a0, v0, s00); s10 = T.MultiplyAdd(a1, v0, s10); s20 = T.MultiplyAdd(a2, v0, s20); s30 = T.MultiplyAdd(a3, v0, s30); s40 = T.MultiplyAdd(a4, v0, s40); s50 = T.MultiplyAdd(a5, v0, s50);
        }
        T.Store(s00, ref p0);
        T.Store(s10, ref p1);
        T.Store(s20, ref p2);
        T.Store(s30, ref p3);
        T.Store(s40, ref p4);
        T.Store(s50, ref p5);
    }

    /// <summary>3 examples x 1 unit: 3 accumulators, 3 example vectors and one weight vector in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows3Units1<T>(ref float x, nint xStride, ref float w, nint wStride, ref float p, nint pStride, nint width, bool zero) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        ref float x0 = ref x;
        ref float x1 = ref Unsafe.Add(ref x, 1 * xStride);
        ref float x2 = ref Unsafe.Add(ref x, 2 * xStride);
        ref float w0 = ref w;
        ref float p0 = ref p;
        ref float p1 = ref Unsafe.Add(ref p, 1 * pStride);
        ref float p2 = ref Unsafe.Add(ref p, 2 * pStride);
        T s00 = Start<T>(zero, ref p0);
        T s10 = Start<T>(zero, ref p1);
        T s20 = Start<T>(zero, ref p2);
        for (nint k = 0; k < width; k += c)
        {
            T a0 = T.Load(ref Unsafe.Add(ref x0, k)), a1 = T.Load(ref Unsafe.Add(ref x1, k)), a2 = T.Load(ref Unsafe.Add(ref x2, k));
            T v0 = T.Load(ref Unsafe.Add(ref w0, k));
            s00 = T.MultiplyAdd(a0, v0, s00); s10 = T.MultiplyAdd(a1, v0, s10); s20 = T.MultiplyAdd(a2, v0, s20);
        }
        T.Store(s00, ref p0);
        T.Store(s10, ref p1);
        T.Store(s20, ref p2);
    }

    /// <summary>1 example x 8 units: 8 accumulators, 1 example vector and one weight vector in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows1Units8<T>(ref float x, nint xStride, ref float w, nint wStride, ref float p, nint pStride, nint width, bool zero) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        ref float x0 = ref x;
        ref float w0 = ref w;
        ref float w1 = ref Unsafe.Add(ref w, 1 * wStride);
        ref float w2 = ref Unsafe.Add(ref w, 2 * wStride);
        ref float w3 = ref Unsafe.Add(ref w, 3 * wStride);
        ref float w4 = ref Unsafe.Add(ref w, 4 * wStride);
        ref float w5 = ref Unsafe.Add(ref w, 5 * wStride);
        ref float w6 = ref Unsafe.Add(ref w, 6 * wStride);
        ref float w7 = ref Unsafe.Add(ref w, 7 * wStride);
        ref float p0 = ref p;
        T s00 = Start<T>(zero, ref p0), s01 = Start<T>(zero, ref Unsafe.Add(ref p0, c)), s02 = Start<T>(zero, ref Unsafe.Add(ref p0, 2 * c)), s03 = Start<T>(zero, ref Unsafe.Add(ref p0, 3 * c)), s04 = Start<T>(zero, ref Unsafe.Add(ref p0, 4 * c)), s05 = Start<T>(zero, ref Unsafe.Add(ref p0, 5 * c)), s06 = Start<T>(zero, ref Unsafe.Add(ref p0, 6 * c)), s07 = Start<T>(zero, ref Unsafe.Add(ref p0, 7 * c));
        for (nint k = 0; k < width; k += c)
        {
            T a0 = T.Load(ref Unsafe.Add(ref x0, k));
            T v0 = T.Load(ref Unsafe.Add(ref w0, k));
            s00 = T.MultiplyAdd(a0, v0, s00);
            T v1 = T.Load(ref Unsafe.Add(ref w1, k));
            s01 = T.MultiplyAdd(a0, v1, s01);
            T v2 = T.Load(ref Unsafe.Add(ref w2, k));
            s02 = T.MultiplyAdd(a0, v2, s02);
            T v3 = T.Load(ref Unsafe.Add(ref w3, k));
            s03 = T.MultiplyAdd(a0, v3, s03);
            T v4 = T.Load(ref Unsafe.Add(ref w4, k));
            s04 = T.MultiplyAdd(a0, v4, s04);
            T v5 = T.Load(ref Unsafe.Add(ref w5, k));
            s05 = T.MultiplyAdd(a0, v5, s05);
            T v6 = T.Load(ref Unsafe.Add(ref w6, k));
            s06 = T.MultiplyAdd(a0, v6, s06);
            T v7 = T.Load(ref Unsafe.Add(ref w7, k));
            s07 = T.MultiplyAdd(a0, v7, s07);
        }
        T.Store(s00, ref p0); T.Store(s01, ref Unsafe.Add(ref p0, c)); T.Store(s02, ref Unsafe.Add(ref p0, 2 * c)); T.Store(s03, ref Unsafe.Add(ref p0, 3 * c)); T.Store(s04, ref Unsafe.Add(ref p0, 4 * c)); T.Store(s05, ref Unsafe.Add(ref p0, 5 * c)); T.Store(s06, ref Unsafe.Add(ref p0, 6 * c)); T.Store(s07, ref Unsafe.Add(ref p0, 7 * c));
    }

    /// <summary>1 example x 4 units: 4 accumulators, 1 example vector and one weight vector in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows1Units4<T>(ref float x, nint xStride, ref float w, nint wStride, ref float p, nint pStride, nint width, bool zero) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        ref float x0 = ref x;
        ref float w0 = ref w;
        ref float w1 = ref Unsafe.Add(ref w, 1 * wStride);
        ref float w2 = ref Unsafe.Add(ref w, 2 * wStride);
        ref float w3 = ref Unsafe.Add(ref w, 3 * wStride);
        ref float p0 = ref p;
        T s00 = Start<T>(zero, ref p0), s01 = Start<T>(zero, ref Unsafe.Add(ref p0, c)), s02 = Start<T>(zero, ref Unsafe.Add(ref p0, 2 * c)), s03 = Start<T>(zero, ref Unsafe.Add(ref p0, 3 * c));
        for (nint k = 0; k < width; k += c)
        {
            T a0 = T.Load(ref Unsafe.Add(ref x0, k));
            T v0 = T.Load(ref Unsafe.Add(ref w0, k));
            s00 = T.MultiplyAdd(a0, v0, s00);
            T v1 = T.Load(ref Unsafe.Add(ref w1, k));
            s01 = T.MultiplyAdd(a0, v1, s01);
            T v2 = T.Load(ref Unsafe.Add(ref w2, k));
            s02 = T.MultiplyAdd(a0, v2, s02);
            T v3 = T.Load(ref Unsafe.Add(ref w3, k));
            s03 = T.MultiplyAdd(a0, v3, s03);
        }
        T.Store(s00, ref p0); T.Store(s01, ref Unsafe.Add(ref p0, c)); T.Store(s02, ref Unsafe.Add(ref p0, 2 * c)); T.Store(s03, ref Unsafe.Add(ref p0, 3 * c));
    }

    /// <summary>1 example x 1 unit: 1 accumulators, 1 example vector and one weight vector in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows1Units1<T>(ref float x, nint xStride, ref float w, nint wStride, ref float p, nint pStride, nint width, bool zero) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        ref float x0 = ref x;
        ref float w0 = ref w;
        ref float p0 = ref p;
        T s00 = Start<T>(zero, ref p0);
        for (nint k = 0; k < width; k += c)
        {
            T a0 = T.Load(ref Unsafe.Add(ref x0, k));
            T v0 = T.Load(ref Unsafe.Add(ref w0, k));
            s00 = T.MultiplyAdd(a0, v0, s00);
        }
        T.Store(s00, ref p0);
    }
}

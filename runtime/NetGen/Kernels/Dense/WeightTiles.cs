using System.Runtime.CompilerServices;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Dense;

/// <summary>
/// The weight gradient's register tiles: units x input vectors of dW = dZ^T A, summed over a tile's active examples
/// (<see cref="ActiveExampleTiles"/>, their dZ side by side in <c>dz</c>) read from packed inputs (example e's slice
/// of the panel at <c>(e - e0) * stride</c>), in example order, then scaled. One row of dW per unit (<c>g0</c>...).
/// Shapes per width: <see cref="DenseTiles"/>.
/// </summary>
internal static class WeightTiles
{
    /// <summary>4 units x 6 input vectors: 24 accumulators summed over <paramref name="count"/> active examples of a panel, then scaled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Units4Vectors6<T>(ref float panel, ref float dz, ref int examples, int count, int e0, nint stride, ref float g0, ref float g1, ref float g2, ref float g3, bool accumulate, float scale) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        T s00, s01, s02, s03, s04, s05, s10, s11, s12, s13, s14, s15, s20, s21, s22, s23, s24, s25, s30, s31, s32, s33, s34, s35;
        if (accumulate)
        {
            s00 = T.Load(ref g0); s01 = T.Load(ref Unsafe.Add(ref g0, c)); s02 = T.Load(ref Unsafe.Add(ref g0, 2 * c)); s03 = T.Load(ref Unsafe.Add(ref g0, 3 * c)); s04 = T.Load(ref Unsafe.Add(ref g0, 4 * c)); s05 = T.Load(ref Unsafe.Add(ref g0, 5 * c));
            s10 = T.Load(ref g1); s11 = T.Load(ref Unsafe.Add(ref g1, c)); s12 = T.Load(ref Unsafe.Add(ref g1, 2 * c)); s13 = T.Load(ref Unsafe.Add(ref g1, 3 * c)); s14 = T.Load(ref Unsafe.Add(ref g1, 4 * c)); s15 = T.Load(ref Unsafe.Add(ref g1, 5 * c));
            s20 = T.Load(ref g2); s21 = T.Load(ref Unsafe.Add(ref g2, c)); s22 = T.Load(ref Unsafe.Add(ref g2, 2 * c)); s23 = T.Load(ref Unsafe.Add(ref g2, 3 * c)); s24 = T.Load(ref Unsafe.Add(ref g2, 4 * c)); s25 = T.Load(ref Unsafe.Add(ref g2, 5 * c));
            s30 = T.Load(ref g3); s31 = T.Load(ref Unsafe.Add(ref g3, c)); s32 = T.Load(ref Unsafe.Add(ref g3, 2 * c)); s33 = T.Load(ref Unsafe.Add(ref g3, 3 * c)); s34 = T.Load(ref Unsafe.Add(ref g3, 4 * c)); s35 = T.Load(ref Unsafe.Add(ref g3, 5 * c));
        }
        else
        {
            s00 = s01 = s02 = s03 = s04 = s05 = s10 = s11 = s12 = s13 = s14 = s15 = s20 = s21 = s22 = s23 = s24 = s25 = s30 = s31 = s32 = s33 = s34 = s35 = T.Zero;
        }
        ref float d = ref dz;
        for (int n = 0; n < count; n++)
        {
            ref float a = ref Unsafe.Add(ref panel, (Unsafe.Add(ref examples, n) - e0) * stride);
            T a0 = T.Load(ref a), a1 = T.Load(ref Unsafe.Add(ref a, c)), a2 = T.Load(ref Unsafe.Add(ref a, 2 * c)), a3 = T.Load(ref Unsafe.Add(ref a, 3 * c)), a4 = T.Load(ref Unsafe.Add(ref a, 4 * c)), a5 = T.Load(ref Unsafe.Add(ref a, 5 * c));
            T d0 = T.Broadcast(d);
            s00 = T.MultiplyAdd(a0, d0, s00); s01 = T.MultiplyAdd(a1, d0, s01); s02 = T.MultiplyAdd(a2, d0, s02); s03 = T.MultiplyAdd(a3, d0, s03); s04 = T.MultiplyAdd(a4, d0, s04); s05 = T.MultiplyAdd(a5, d0, s05);
            T d1 = T.Broadcast(Unsafe.Add(ref d, 1));
            s10 = T.MultiplyAdd(a0, d1, s10); s11 = T.MultiplyAdd(a1, d1, s11); s12 = T.MultiplyAdd(a2, d1, s12); s13 = T.MultiplyAdd(a3, d1, s13); s14 = T.MultiplyAdd(a4, d1, s14); s15 = T.MultiplyAdd(a5, d1, s15);
            T d2 = T.Broadcast(Unsafe.Add(ref d, 2));
            s20 = T.MultiplyAdd(a0, d2, s20); s21 = T.MultiplyAdd(a1, d2, s21); s22 = T.MultiplyAdd(a2, d2, s22); s23 = T.MultiplyAdd(a3, d2, s23); s24 = T.MultiplyAdd(a4, d2, s24); s25 = T.MultiplyAdd(a5, d2, s25);
            T d3 = T.Broadcast(Unsafe.Add(ref d, 3));
            s30 = T.MultiplyAdd(a0, d3, s30); s31 = T.MultiplyAdd(a1, d3, s31); s32 = T.MultiplyAdd(a2, d3, s32); s33 = T.MultiplyAdd(a3, d3, s33); s34 = T.MultiplyAdd(a4, d3, s34); s35 = T.MultiplyAdd(a5, d3, s35);
            d = ref Unsafe.Add(ref d, 4);
        }
        T factor = T.Broadcast(scale);
        T.Store(T.Multiply(s00, factor), ref g0); T.Store(T.Multiply(s01, factor), ref Unsafe.Add(ref g0, c)); T.Store(T.Multiply(s02, factor), ref Unsafe.Add(ref g0, 2 * c)); T.Store(T.Multiply(s03, factor), ref Unsafe.Add(ref g0, 3 * c)); T.Store(T.Multiply(s04, factor), ref Unsafe.Add(ref g0, 4 * c)); T.Store(T.Multiply(s05, factor), ref Unsafe.Add(ref g0, 5 * c));
        T.Store(T.Multiply(s10, factor), ref g1); T.Store(T.Multiply(s11, factor), ref Unsafe.Add(ref g1, c)); T.Store(T.Multiply(s12, factor), ref Unsafe.Add(ref g1, 2 * c)); T.Store(T.Multiply(s13, factor), ref Unsafe.Add(ref g1, 3 * c)); T.Store(T.Multiply(s14, factor), ref Unsafe.Add(ref g1, 4 * c)); T.Store(T.Multiply(s15, factor), ref Unsafe.Add(ref g1, 5 * c));
        T.Store(T.Multiply(s20, factor), ref g2); T.Store(T.Multiply(s21, factor), ref Unsafe.Add(ref g2, c)); T.Store(T.Multiply(s22, factor), ref Unsafe.Add(ref g2, 2 * c)); T.Store(T.Multiply(s23, factor), ref Unsafe.Add(ref g2, 3 * c)); T.Store(T.Multiply(s24, factor), ref Unsafe.Add(ref g2, 4 * c)); T.Store(T.Multiply(s25, factor), ref Unsafe.Add(ref g2, 5 * c));
        T.Store(T.Multiply(s30, factor), ref g3); T.Store(T.Multiply(s31, factor), ref Unsafe.Add(ref g3, c)); T.Store(T.Multiply(s32, factor), ref Unsafe.Add(ref g3, 2 * c)); T.Store(T.Multiply(s33, factor), ref Unsafe.Add(ref g3, 3 * c)); T.Store(T.Multiply(s34, factor), ref Unsafe.Add(ref g3, 4 * c)); T.Store(T.Multiply(s35, factor), ref Unsafe.Add(ref g3, 5 * c));
    }

    /// <summary>1 unit x 6 input vectors: 6 accumulators summed over <paramref name="count"/> active examples of a panel, then scaled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Units1Vectors6<T>(ref float panel, ref float dz, ref int examples, int count, int e0, nint stride, ref float g0, bool accumulate, float scale) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        T s00, s01, s02, s03, s04, s05;
        if (accumulate)
        {
            s00 = T.Load(ref g0); s01 = T.Load(ref Unsafe.Add(ref g0, c)); s02 = T.Load(ref Unsafe.Add(ref g0, 2 * c)); s03 = T.Load(ref Unsafe.Add(ref g0, 3 * c)); s04 = T.Load(ref Unsafe.Add(ref g0, 4 * c)); s05 = T.Load(ref Unsafe.Add(ref g0, 5 * c));
        }
        else
        {
            s00 = s01 = s02 = s03 = s04 = s05 = T.Zero;
        }
        ref float d = ref dz;
        for (int n = 0; n < count; n++)
        {
            ref float a = ref Unsafe.Add(ref panel, (Unsafe.Add(ref examples, n) - e0) * stride);
            T a0 = T.Load(ref a), a1 = T.Load(ref Unsafe.Add(ref a, c)), a2 = T.Load(ref Unsafe.Add(ref a, 2 * c)), a3 = T.Load(ref Unsafe.Add(ref a, 3 * c)), a4 = T.Load(ref Unsafe.Add(ref a, 4 * c)), a5 = T.Load(ref Unsafe.Add(ref a, 5 * c));
            T d0 = T.Broadcast(d);
            s00 = T.MultiplyAdd(a0, d0, s00); s01 = T.MultiplyAdd(a1, d0, s01); s02 = T.MultiplyAdd(a2, d0, s02); s03 = T.MultiplyAdd(a3, d0, s03); s04 = T.MultiplyAdd(a4, d0, s04); s05 = T.MultiplyAdd(a5, d0, s05);
            d = ref Unsafe.Add(ref d, 1);
        }
        T factor = T.Broadcast(scale);
        T.Store(T.Multiply(s00, factor), ref g0); T.Store(T.Multiply(s01, factor), ref Unsafe.Add(ref g0, c)); T.Store(T.Multiply(s02, factor), ref Unsafe.Add(ref g0, 2 * c)); T.Store(T.Multiply(s03, factor), ref Unsafe.Add(ref g0, 3 * c)); T.Store(T.Multiply(s04, factor), ref Unsafe.Add(ref g0, 4 * c)); T.Store(T.Multiply(s05, factor), ref Unsafe.Add(ref g0, 5 * c));
    }

    /// <summary>4 units x 3 input vectors: 12 accumulators summed over <paramref name="count"/> active examples of a panel, then scaled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Units4Vectors3<T>(ref float panel, ref float dz, ref int examples, int count, int e0, nint stride, ref float g0, ref float g1, ref float g2, ref float g3, bool accumulate, float scale) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        T s00, s01, s02, s10, s11, s12, s20, s21, s22, s30, s31, s32;
        if (accumulate)
        {
            s00 = T.Load(ref g0); s01 = T.Load(ref Unsafe.Add(ref g0, c)); s02 = T.Load(ref Unsafe.Add(ref g0, 2 * c));
            s10 = T.Load(ref g1); s11 = T.Load(ref Unsafe.Add(ref g1, c)); s12 = T.Load(ref Unsafe.Add(ref g1, 2 * c));
            s20 = T.Load(ref g2); s21 = T.Load(ref Unsafe.Add(ref g2, c)); s22 = T.Load(ref Unsafe.Add(ref g2, 2 * c));
            s30 = T.Load(ref g3); s31 = T.Load(ref Unsafe.Add(ref g3, c)); s32 = T.Load(ref Unsafe.Add(ref g3, 2 * c));
        }
        else
        {
            s00 = s01 = s02 = s10 = s11 = s12 = s20 = s21 = s22 = s30 = s31 = s32 = T.Zero;
        }
        ref float d = ref dz;
        for (int n = 0; n < count; n++)
        {
            ref float a = ref Unsafe.Add(ref panel, (Unsafe.Add(ref examples, n) - e0) * stride);
            T a0 = T.Load(ref a), a1 = T.Load(ref Unsafe.Add(ref a, c)), a2 = T.Load(ref Unsafe.Add(ref a, 2 * c));
            T d0 = T.Broadcast(d);
            s00 = T.MultiplyAdd(a0, d0, s00); s01 = T.MultiplyAdd(a1, d0, s01); s02 = T.MultiplyAdd(a2, d0, s02);
            T d1 = T.Broadcast(Unsafe.Add(ref d, 1));
            s10 = T.MultiplyAdd(a0, d1, s10); s11 = T.MultiplyAdd(a1, d1, s11); s12 = T.MultiplyAdd(a2, d1, s12);
            T d2 = T.Broadcast(Unsafe.Add(ref d, 2));
            s20 = T.MultiplyAdd(a0, d2, s20); s21 = T.MultiplyAdd(a1, d2, s21); s22 = T.MultiplyAdd(a2, d2, s22);
            T d3 = T.Broadcast(Unsafe.Add(ref d, 3));
            s30 = T.MultiplyAdd(a0, d3, s30); s31 = T.MultiplyAdd(a1, d3, s31); s32 = T.MultiplyAdd(a2, d3, s32);
            d = ref Unsafe.Add(ref d, 4);
        }
        T factor = T.Broadcast(scale);
        T.Store(T.Multiply(s00, factor), ref g0); T.Store(T.Multiply(s01, factor), ref Unsafe.Add(ref g0, c)); T.Store(T.Multiply(s02, factor), ref Unsafe.Add(ref g0, 2 * c));
        T.Store(T.Multiply(s10, factor), ref g1); T.Store(T.Multiply(s11, factor), ref Unsafe.Add(ref g1, c)); T.Store(T.Multiply(s12, factor), ref Unsafe.Add(ref g1, 2 * c));
        T.Store(T.Multiply(s20, factor), ref g2); T.Store(T.Multiply(s21, factor), ref Unsafe.Add(ref g2, c)); T.Store(T.Multiply(s22, factor), ref Unsafe.Add(ref g2, 2 * c));
        T.Store(T.Multiply(s30, factor), ref g3); T.Store(T.Multiply(s31, factor), ref Unsafe.Add(ref g3, c)); T.Store(T.Multiply(s32, factor), ref Unsafe.Add(ref g3, 2 * c));
    }

    /// <summary>1 unit x 3 input vectors: 3 accumulators summed over <paramref name="count"/> active examples of a panel, then scaled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Units1Vectors3<T>(ref float panel, ref float dz, ref int examples, int count, int e0, nint stride, ref float g0, bool accumulate, float scale) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        T s00, s01, s02;
        if (accumulate)
        {
            s00 = T.Load(ref g0); s01 = T.Load(ref Unsafe.Add(ref g0, c)); s02 = T.Load(ref Unsafe.Add(ref g0, 2 * c));
        }
        else
        {
            s00 = s01 = s02 = T.Zero;
        }
        ref float d = ref dz;
        for (int n = 0; n < count; n++)
        {
            ref float a = ref Unsafe.Add(ref panel, (Unsafe.Add(ref examples, n) - e0) * stride);
            T a0 = T.Load(ref a), a1 = T.Load(ref Unsafe.Add(ref a, c)), a2 = T.Load(ref Unsafe.Add(ref a, 2 * c));
            T d0 = T.Broadcast(d);
            s00 = T.MultiplyAdd(a0, d0, s00); s01 = T.MultiplyAdd(a1, d0, s01); s02 = T.MultiplyAdd(a2, d0, s02);
            d = ref Unsafe.Add(ref d, 1);
        }
        T factor = T.Broadcast(scale);
        T.Store(T.Multiply(s00, factor), ref g0); T.Store(T.Multiply(s01, factor), ref Unsafe.Add(ref g0, c)); T.Store(T.Multiply(s02, factor), ref Unsafe.Add(ref g0, 2 * c));
    }

    /// <summary>4 units x 1 input vector: 4 accumulators summed over <paramref name="count"/> active examples of a panel, then scaled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Units4Vectors1<T>(ref float panel, ref float dz, ref int examples, int count, int e0, nint stride, ref float g0, ref float g1, ref float g2, ref float g3, bool accumulate, float scale) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        T s00, s10, s20, s30;
        if (accumulate)
        {
            s00 = T.Load(ref g0);
            s10 = T.Load(ref g1);
            s20 = T.Load(ref g2);
            s30 = T.Load(ref g3);
        }
        else
        {
            s00 = s10 = s20 = s30 = T.Zero;
        }
        ref float d = ref dz;
        for (int n = 0; n < count; n++)
        {
            ref float a = ref Unsafe.Add(ref panel, (Unsafe.Add(ref examples, n) - e0) * stride);
            T a0 = T.Load(ref a);
            T d0 = T.Broadcast(d);
            s00 = T.MultiplyAdd(a0, d0, s00);
            T d1 = T.Broadcast(Unsafe.Add(ref d, 1));
            s10 = T.MultiplyAdd(a0, d1, s10);
            T d2 = T.Broadcast(Unsafe.Add(ref d, 2));
            s20 = T.MultiplyAdd(a0, d2, s20);
            T d3 = T.Broadcast(Unsafe.Add(ref d, 3));
            s30 = T.MultiplyAdd(a0, d3, s30);
            d = ref Unsafe.Add(ref d, 4);
        }
        T factor = T.Broadcast(scale);
        T.Store(T.Multiply(s00, factor), ref g0);
        T.Store(T.Multiply(s10, factor), ref g1);
        T.Store(T.Multiply(s20, factor), ref g2);
        T.Store(T.Multiply(s30, factor), ref g3);
    }

    /// <summary>1 unit x 1 input vector: 1 accumulators summed over <paramref name="count"/> active examples of a panel, then scaled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Units1Vectors1<T>(ref float panel, ref float dz, ref int examples, int count, int e0, nint stride, ref float g0, bool accumulate, float scale) where T : struct, ISimd<T>
    {
        nint c = T.Count;
        T s00;
        if (accumulate)
        {
            s00 = T.Load(ref g0);
        }
        else
        {
            s00 = T.Zero;
        }
        ref float d = ref dz;
        for (int n = 0; n < count; n++)
        {
            ref float a = ref Unsafe.Add(ref panel, (Unsafe.Add(ref examples, n) - e0) * stride);
            T a0 = T.Load(ref a);
            T d0 = T.Broadcast(d);
            s00 = T.MultiplyAdd(a0, d0, s00);
            d = ref Unsafe.Add(ref d, 1);
        }
        T factor = T.Broadcast(scale);
        T.Store(T.Multiply(s00, factor), ref g0);
    }
}

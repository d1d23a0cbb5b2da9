using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels.Lanes;

/// <summary>
/// A block of up to 16 units' weights (rows of a unit-major W) as columns of 16 lanes, one unit per lane: column k of
/// the block is input k's weight of each unit, so one example's forward can run 16 units at once. With AVX-512 the
/// 16 x 16 transpose of <see cref="BlockTranspose"/> (where 512-bit vectors are accelerated), with AVX two 8 x 8 transposes in registers, else a scalar copy.
/// A transpose moves values and rounds nothing.
/// </summary>
internal static class WeightColumns
{
    const int Block = ExampleLanes.Block;

    /// <summary>
    /// Inputs 0 .. <paramref name="count"/> of the <paramref name="units"/> (1 to 16) rows at <paramref name="rows"/>
    /// (each <paramref name="width"/> floats apart) into <paramref name="columns"/>: <c>columns[k * 16 + j] = rows[j * width + k]</c>.
    /// Lanes past <paramref name="units"/> get 0; nothing is read past a row's <paramref name="count"/> inputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose(ref float rows, int width, int units, int count, ref float columns)
    {
        // Where 512-bit vectors are off (DOTNET_EnableAVX512=0) AVX-512 instructions may still report supported, but
        // the transpose's Vector512 helpers would run in software.
        if (BlockTranspose.IsSupported && Vector512.IsHardwareAccelerated)
        {
            for (int k = 0; k < count; k += 16) BlockTranspose.Gather16(ref rows, width, units, k, Math.Min(16, count - k), ref columns);
            return;
        }
        if (Avx.IsSupported)
        {
            for (int k = 0; k < count; k += 8)
            {
                int inputs = Math.Min(8, count - k);
                Transpose8(ref Unsafe.Add(ref rows, k), width, units, inputs, ref Unsafe.Add(ref columns, k * Block));
                ref float high = ref Unsafe.Add(ref columns, k * Block + 8);
                if (units > 8) Transpose8(ref Unsafe.Add(ref rows, 8 * width + k), width, units - 8, inputs, ref high);
                else
                    for (int i = 0; i < inputs; i++) Vector256<float>.Zero.StoreUnsafe(ref Unsafe.Add(ref high, i * Block));
            }
            return;
        }
        for (int k = 0; k < count; k++)
            for (int j = 0; j < Block; j++)
                Unsafe.Add(ref columns, k * Block + j) = j < units ? Unsafe.Add(ref rows, j * width + k) : 0f;
    }

    /// <summary>
    /// Eight rows' inputs 0 .. <paramref name="count"/> (at most 8; rows past <paramref name="valid"/> read as 0) transposed
    /// in registers into the first 8 lanes of columns 0 .. count: pairs interleaved, pairs of pairs, then 128-bit halves.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void Transpose8(ref float rows, int width, int valid, int count, ref float columns)
    {
        var mask = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle();
        fixed (float* from = &rows)
        {
            Vector256<float> r0 = Row(from, width, 0, valid, mask), r1 = Row(from, width, 1, valid, mask);
            Vector256<float> r2 = Row(from, width, 2, valid, mask), r3 = Row(from, width, 3, valid, mask);
            Vector256<float> r4 = Row(from, width, 4, valid, mask), r5 = Row(from, width, 5, valid, mask);
            Vector256<float> r6 = Row(from, width, 6, valid, mask), r7 = Row(from, width, 7, valid, mask);
            Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
            Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
            Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
            // Each 128-bit half now holds 4 rows of one input: inputs 0..3 in the low halves, 4..7 in the high ones.
            Vector256<float> u0 = Low(t0, t2), u1 = High(t0, t2), u2 = Low(t1, t3), u3 = High(t1, t3);
            Vector256<float> u4 = Low(t4, t6), u5 = High(t4, t6), u6 = Low(t5, t7), u7 = High(t5, t7);
            Put(Avx.Permute2x128(u0, u4, 0x20), ref columns, 0, count); Put(Avx.Permute2x128(u1, u5, 0x20), ref columns, 1, count);
            Put(Avx.Permute2x128(u2, u6, 0x20), ref columns, 2, count); Put(Avx.Permute2x128(u3, u7, 0x20), ref columns, 3, count);
            Put(Avx.Permute2x128(u0, u4, 0x31), ref columns, 4, count); Put(Avx.Permute2x128(u1, u5, 0x31), ref columns, 5, count);
            Put(Avx.Permute2x128(u2, u6, 0x31), ref columns, 6, count); Put(Avx.Permute2x128(u3, u7, 0x31), ref columns, 7, count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe Vector256<float> Row(float* from, int width, int row, int valid, Vector256<float> mask) =>
        row < valid ? Avx.MaskLoad(from + (nint)row * width, mask) : Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Put(Vector256<float> column, ref float to, int k, int count)
    {
        if (k < count) column.StoreUnsafe(ref Unsafe.Add(ref to, k * Block));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> Low(Vector256<float> a, Vector256<float> b) => Avx.UnpackLow(a.AsDouble(), b.AsDouble()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> High(Vector256<float> a, Vector256<float> b) => Avx.UnpackHigh(a.AsDouble(), b.AsDouble()).AsSingle();
}

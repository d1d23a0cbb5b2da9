using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels.Lanes;

/// <summary>
/// Sample-major rows into the lane layout of <see cref="ExampleLanes"/> and back, up to sixteen features at a time, with
/// AVX-512: sixteen rows' features k .. k + 15 in sixteen registers (masked where fewer), transposed in registers (unpacks
/// and 128-bit shuffles), stored as feature rows of a block; and the reverse. A transpose moves values and rounds nothing,
/// so the result is the scalar loop's.
/// </summary>
internal static class BlockTranspose
{
    /// <summary>Whether <see cref="Gather16"/> and <see cref="Scatter16"/> run here.</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>Fewer features than this the callers move one by one: the transpose costs the same for 1 feature as for 16.</summary>
    public const int MinFeatures = 8;

    /// <summary>
    /// Features <paramref name="k"/> .. k + <paramref name="count"/> (at most 16) of the <paramref name="valid"/> rows at
    /// <paramref name="rows"/> (each <paramref name="width"/> floats) into feature rows k .. of the block at
    /// <paramref name="block"/>; lanes past <paramref name="valid"/> get 0. Reads nothing past a row's <paramref name="count"/> features.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Gather16(ref float rows, int width, int valid, int k, int count, ref float block)
    {
        var mask = Mask(count);
        fixed (float* from = &Unsafe.Add(ref rows, k))
        {
            Vector512<float> r0 = Row(from, width, 0, valid, mask), r1 = Row(from, width, 1, valid, mask);
            Vector512<float> r2 = Row(from, width, 2, valid, mask), r3 = Row(from, width, 3, valid, mask);
            Vector512<float> r4 = Row(from, width, 4, valid, mask), r5 = Row(from, width, 5, valid, mask);
            Vector512<float> r6 = Row(from, width, 6, valid, mask), r7 = Row(from, width, 7, valid, mask);
            Vector512<float> r8 = Row(from, width, 8, valid, mask), r9 = Row(from, width, 9, valid, mask);
            Vector512<float> r10 = Row(from, width, 10, valid, mask), r11 = Row(from, width, 11, valid, mask);
            Vector512<float> r12 = Row(from, width, 12, valid, mask), r13 = Row(from, width, 13, valid, mask);
            Vector512<float> r14 = Row(from, width, 14, valid, mask), r15 = Row(from, width, 15, valid, mask);
            Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, ref r8, ref r9, ref r10, ref r11, ref r12, ref r13, ref r14, ref r15);
            ref float to = ref Unsafe.Add(ref block, k * ExampleLanes.Block);
            Put(r0, ref to, 0, count); Put(r1, ref to, 1, count); Put(r2, ref to, 2, count); Put(r3, ref to, 3, count);
            Put(r4, ref to, 4, count); Put(r5, ref to, 5, count); Put(r6, ref to, 6, count); Put(r7, ref to, 7, count);
            Put(r8, ref to, 8, count); Put(r9, ref to, 9, count); Put(r10, ref to, 10, count); Put(r11, ref to, 11, count);
            Put(r12, ref to, 12, count); Put(r13, ref to, 13, count); Put(r14, ref to, 14, count); Put(r15, ref to, 15, count);
        }
    }

    /// <summary>
    /// The inverse of <see cref="Gather16"/>: feature rows k .. k + <paramref name="count"/> of the block into those features
    /// of the first <paramref name="valid"/> rows; writes nothing else.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Scatter16(ref float block, int width, int valid, int k, int count, ref float rows)
    {
        var mask = Mask(count);
        ref float from = ref Unsafe.Add(ref block, k * ExampleLanes.Block);
        Vector512<float> r0 = Get(ref from, 0, count), r1 = Get(ref from, 1, count), r2 = Get(ref from, 2, count), r3 = Get(ref from, 3, count);
        Vector512<float> r4 = Get(ref from, 4, count), r5 = Get(ref from, 5, count), r6 = Get(ref from, 6, count), r7 = Get(ref from, 7, count);
        Vector512<float> r8 = Get(ref from, 8, count), r9 = Get(ref from, 9, count), r10 = Get(ref from, 10, count), r11 = Get(ref from, 11, count);
        Vector512<float> r12 = Get(ref from, 12, count), r13 = Get(ref from, 13, count), r14 = Get(ref from, 14, count), r15 = Get(ref from, 15, count);
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, ref r8, ref r9, ref r10, ref r11, ref r12, ref r13, ref r14, ref r15);
        fixed (float* to = &Unsafe.Add(ref rows, k))
        {
            Write(r0, to, width, 0, valid, mask); Write(r1, to, width, 1, valid, mask); Write(r2, to, width, 2, valid, mask); Write(r3, to, width, 3, valid, mask);
            Write(r4, to, width, 4, valid, mask); Write(r5, to, width, 5, valid, mask); Write(r6, to, width, 6, valid, mask); Write(r7, to, width, 7, valid, mask);
            Write(r8, to, width, 8, valid, mask); Write(r9, to, width, 9, valid, mask); Write(r10, to, width, 10, valid, mask); Write(r11, to, width, 11, valid, mask);
            Write(r12, to, width, 12, valid, mask); Write(r13, to, width, 13, valid, mask); Write(r14, to, width, 14, valid, mask); Write(r15, to, width, 15, valid, mask);
        }
    }

    /// <summary>Sixteen vectors of sixteen floats transposed in registers: pairs interleaved, pairs of pairs, then 128-bit lanes twice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Transpose(
        ref Vector512<float> r0, ref Vector512<float> r1, ref Vector512<float> r2, ref Vector512<float> r3,
        ref Vector512<float> r4, ref Vector512<float> r5, ref Vector512<float> r6, ref Vector512<float> r7,
        ref Vector512<float> r8, ref Vector512<float> r9, ref Vector512<float> r10, ref Vector512<float> r11,
        ref Vector512<float> r12, ref Vector512<float> r13, ref Vector512<float> r14, ref Vector512<float> r15)
    {
        // Pairs of rows interleaved, then pairs of pairs (as doubles): each 128-bit lane holds 4 rows x 1 feature.
        Vector512<float> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1);
        Vector512<float> t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<float> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5);
        Vector512<float> t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);
        Vector512<float> t8 = Avx512F.UnpackLow(r8, r9), t9 = Avx512F.UnpackHigh(r8, r9);
        Vector512<float> t10 = Avx512F.UnpackLow(r10, r11), t11 = Avx512F.UnpackHigh(r10, r11);
        Vector512<float> t12 = Avx512F.UnpackLow(r12, r13), t13 = Avx512F.UnpackHigh(r12, r13);
        Vector512<float> t14 = Avx512F.UnpackLow(r14, r15), t15 = Avx512F.UnpackHigh(r14, r15);

        Vector512<float> u0 = Low(t0, t2), u1 = High(t0, t2), u2 = Low(t1, t3), u3 = High(t1, t3);
        Vector512<float> u4 = Low(t4, t6), u5 = High(t4, t6), u6 = Low(t5, t7), u7 = High(t5, t7);
        Vector512<float> u8 = Low(t8, t10), u9 = High(t8, t10), u10 = Low(t9, t11), u11 = High(t9, t11);
        Vector512<float> u12 = Low(t12, t14), u13 = High(t12, t14), u14 = Low(t13, t15), u15 = High(t13, t15);

        // 128-bit lanes: even lanes of two registers, then odd lanes, twice.
        t0 = Avx512F.Shuffle4x128(u0, u4, 0x88); t1 = Avx512F.Shuffle4x128(u1, u5, 0x88);
        t2 = Avx512F.Shuffle4x128(u2, u6, 0x88); t3 = Avx512F.Shuffle4x128(u3, u7, 0x88);
        t4 = Avx512F.Shuffle4x128(u0, u4, 0xdd); t5 = Avx512F.Shuffle4x128(u1, u5, 0xdd);
        t6 = Avx512F.Shuffle4x128(u2, u6, 0xdd); t7 = Avx512F.Shuffle4x128(u3, u7, 0xdd);
        t8 = Avx512F.Shuffle4x128(u8, u12, 0x88); t9 = Avx512F.Shuffle4x128(u9, u13, 0x88);
        t10 = Avx512F.Shuffle4x128(u10, u14, 0x88); t11 = Avx512F.Shuffle4x128(u11, u15, 0x88);
        t12 = Avx512F.Shuffle4x128(u8, u12, 0xdd); t13 = Avx512F.Shuffle4x128(u9, u13, 0xdd);
        t14 = Avx512F.Shuffle4x128(u10, u14, 0xdd); t15 = Avx512F.Shuffle4x128(u11, u15, 0xdd);

        r0 = Avx512F.Shuffle4x128(t0, t8, 0x88); r1 = Avx512F.Shuffle4x128(t1, t9, 0x88);
        r2 = Avx512F.Shuffle4x128(t2, t10, 0x88); r3 = Avx512F.Shuffle4x128(t3, t11, 0x88);
        r4 = Avx512F.Shuffle4x128(t4, t12, 0x88); r5 = Avx512F.Shuffle4x128(t5, t13, 0x88);
        r6 = Avx512F.Shuffle4x128(t6, t14, 0x88); r7 = Avx512F.Shuffle4x128(t7, t15, 0x88);
        r8 = Avx512F.Shuffle4x128(t0, t8, 0xdd); r9 = Avx512F.Shuffle4x128(t1, t9, 0xdd);
        r10 = Avx512F.Shuffle4x128(t2, t10, 0xdd); r11 = Avx512F.Shuffle4x128(t3, t11, 0xdd);
        r12 = Avx512F.Shuffle4x128(t4, t12, 0xdd); r13 = Avx512F.Shuffle4x128(t5, t13, 0xdd);
        r14 = Avx512F.Shuffle4x128(t6, t14, 0xdd); r15 = Avx512F.Shuffle4x128(t7, t15, 0xdd);
    }

    /// <summary>All ones in the lanes below <paramref name="count"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> Mask(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe Vector512<float> Row(float* from, int width, int row, int valid, Vector512<float> mask) =>
        row < valid ? Avx512F.MaskLoad(from + (nint)row * width, mask, Vector512<float>.Zero) : Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Put(Vector512<float> feature, ref float to, int k, int count)
    {
        if (k < count) feature.StoreUnsafe(ref Unsafe.Add(ref to, k * ExampleLanes.Block));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> Get(ref float from, int k, int count) =>
        k < count ? Vector512.LoadUnsafe(ref Unsafe.Add(ref from, k * ExampleLanes.Block)) : Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void Write(Vector512<float> row, float* to, int width, int i, int valid, Vector512<float> mask)
    {
        if (i < valid) Avx512F.MaskStore(to + (nint)i * width, mask, row);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> Low(Vector512<float> a, Vector512<float> b) =>
        Avx512F.UnpackLow(a.AsDouble(), b.AsDouble()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> High(Vector512<float> a, Vector512<float> b) =>
        Avx512F.UnpackHigh(a.AsDouble(), b.AsDouble()).AsSingle();
}

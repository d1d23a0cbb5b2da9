using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels.Lanes;

/// <summary>
/// Sample-major rows into the lane layout of <see cref="ExampleLanes"/> sixteen features at a time, with AVX-512: sixteen
/// rows' features k .. k + 15 in sixteen registers, transposed in registers (unpacks and 128-bit shuffles), stored as
/// sixteen feature rows of a block. A transpose moves values and rounds nothing, so the result is the scalar loop's.
/// </summary>
internal static class BlockTranspose
{
    /// <summary>Whether <see cref="Gather16"/> runs here.</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>
    /// Features <paramref name="k"/> .. k + 15 of the <paramref name="valid"/> rows at <paramref name="rows"/> (each
    /// <paramref name="width"/> floats) into feature rows k .. k + 15 of the block at <paramref name="block"/>; lanes past
    /// <paramref name="valid"/> get 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Gather16(ref float rows, int width, int valid, int k, ref float block)
    {
        ref float from = ref Unsafe.Add(ref rows, k);
        Vector512<float> r0 = Row(ref from, width, 0, valid), r1 = Row(ref from, width, 1, valid);
        Vector512<float> r2 = Row(ref from, width, 2, valid), r3 = Row(ref from, width, 3, valid);
        Vector512<float> r4 = Row(ref from, width, 4, valid), r5 = Row(ref from, width, 5, valid);
        Vector512<float> r6 = Row(ref from, width, 6, valid), r7 = Row(ref from, width, 7, valid);
        Vector512<float> r8 = Row(ref from, width, 8, valid), r9 = Row(ref from, width, 9, valid);
        Vector512<float> r10 = Row(ref from, width, 10, valid), r11 = Row(ref from, width, 11, valid);
        Vector512<float> r12 = Row(ref from, width, 12, valid), r13 = Row(ref from, width, 13, valid);
        Vector512<float> r14 = Row(ref from, width, 14, valid), r15 = Row(ref from, width, 15, valid);

        // Pairs of rows interleaved, then pairs of pairs (as doubles): each 128-bit lane holds 4 rows x 1 feature.
        Vector512<float> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1);
        Vector512<float> t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<float> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5);
        Vector512<float> t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);
        Vector512<float> t8 = Avx512F.UnpackLow(r8, r9), t9 = Avx512F.UnpackHigh(r8, r9);
        Vector512<float> t10 = Avx512F.UnpackLow(r10, r11), t11 = Avx512F.UnpackHigh(r10, r11);
        Vector512<float> t12 = Avx512F.UnpackLow(r12, r13), t13 = Avx512F.UnpackHigh(r12, r13);
        Vector512<float> t14 = Avx512F.UnpackLow(r14, r15), t15 = Avx512F.UnpackHigh(r14, r15);

        r0 = Low(t0, t2); r1 = High(t0, t2); r2 = Low(t1, t3); r3 = High(t1, t3);
        r4 = Low(t4, t6); r5 = High(t4, t6); r6 = Low(t5, t7); r7 = High(t5, t7);
        r8 = Low(t8, t10); r9 = High(t8, t10); r10 = Low(t9, t11); r11 = High(t9, t11);
        r12 = Low(t12, t14); r13 = High(t12, t14); r14 = Low(t13, t15); r15 = High(t13, t15);

        // 128-bit lanes: even lanes of two registers, then odd lanes, twice.
        t0 = Avx512F.Shuffle4x128(r0, r4, 0x88); t1 = Avx512F.Shuffle4x128(r1, r5, 0x88);
        t2 = Avx512F.Shuffle4x128(r2, r6, 0x88); t3 = Avx512F.Shuffle4x128(r3, r7, 0x88);
        t4 = Avx512F.Shuffle4x128(r0, r4, 0xdd); t5 = Avx512F.Shuffle4x128(r1, r5, 0xdd);
        t6 = Avx512F.Shuffle4x128(r2, r6, 0xdd); t7 = Avx512F.Shuffle4x128(r3, r7, 0xdd);
        t8 = Avx512F.Shuffle4x128(r8, r12, 0x88); t9 = Avx512F.Shuffle4x128(r9, r13, 0x88);
        t10 = Avx512F.Shuffle4x128(r10, r14, 0x88); t11 = Avx512F.Shuffle4x128(r11, r15, 0x88);
        t12 = Avx512F.Shuffle4x128(r8, r12, 0xdd); t13 = Avx512F.Shuffle4x128(r9, r13, 0xdd);
        t14 = Avx512F.Shuffle4x128(r10, r14, 0xdd); t15 = Avx512F.Shuffle4x128(r11, r15, 0xdd);

        ref float to = ref Unsafe.Add(ref block, k * ExampleLanes.Block);
        Store(Avx512F.Shuffle4x128(t0, t8, 0x88), ref to, 0); Store(Avx512F.Shuffle4x128(t1, t9, 0x88), ref to, 1);
        Store(Avx512F.Shuffle4x128(t2, t10, 0x88), ref to, 2); Store(Avx512F.Shuffle4x128(t3, t11, 0x88), ref to, 3);
        Store(Avx512F.Shuffle4x128(t4, t12, 0x88), ref to, 4); Store(Avx512F.Shuffle4x128(t5, t13, 0x88), ref to, 5);
        Store(Avx512F.Shuffle4x128(t6, t14, 0x88), ref to, 6); Store(Avx512F.Shuffle4x128(t7, t15, 0x88), ref to, 7);
        Store(Avx512F.Shuffle4x128(t0, t8, 0xdd), ref to, 8); Store(Avx512F.Shuffle4x128(t1, t9, 0xdd), ref to, 9);
        Store(Avx512F.Shuffle4x128(t2, t10, 0xdd), ref to, 10); Store(Avx512F.Shuffle4x128(t3, t11, 0xdd), ref to, 11);
        Store(Avx512F.Shuffle4x128(t4, t12, 0xdd), ref to, 12); Store(Avx512F.Shuffle4x128(t5, t13, 0xdd), ref to, 13);
        Store(Avx512F.Shuffle4x128(t6, t14, 0xdd), ref to, 14); Store(Avx512F.Shuffle4x128(t7, t15, 0xdd), ref to, 15);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> Row(ref float from, int width, int row, int valid) =>
        row < valid ? Vector512.LoadUnsafe(ref Unsafe.Add(ref from, row * width)) : Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> Low(Vector512<float> a, Vector512<float> b) =>
        Avx512F.UnpackLow(a.AsDouble(), b.AsDouble()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> High(Vector512<float> a, Vector512<float> b) =>
        Avx512F.UnpackHigh(a.AsDouble(), b.AsDouble()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Store(Vector512<float> feature, ref float to, int k) =>
        feature.StoreUnsafe(ref Unsafe.Add(ref to, k * ExampleLanes.Block));
}

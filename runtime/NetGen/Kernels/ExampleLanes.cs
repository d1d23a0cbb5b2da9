using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels;

/// <summary>
/// The layout of the lane kernels (<see cref="Lanes.LaneLayer{TShape, TActivation}"/>): they run <see cref="Block"/> examples at a
/// time, one example per vector lane. Between two such layers activations stay in the blocked layout
/// (blocks of <see cref="Block"/> examples, feature-major inside a block: <c>a[(i / 16) * 16 * width + j * 16 + i % 16]</c>);
/// where a layer meets the public sample-major layout (the input, the output, a tiled layer) a block is gathered into or
/// scattered from that layout, and the lanes past the last example are zeros, never written out.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ExampleLanes
{
    /// <summary>Examples per block: the widest vector's lanes, so one blocked layout serves every width.</summary>
    public const int Block = 16;

    /// <summary>The blocks that hold <paramref name="m"/> examples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Blocks(int m) => (m + Block - 1) / Block;

    /// <summary>Floats a blocked buffer of <paramref name="width"/> features needs for <paramref name="m"/> examples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Length(int m, int width) => checked(Blocks(m) * Block * width);

    /// <summary>
    /// Block <paramref name="block"/> of sample-major <paramref name="source"/> (<paramref name="width"/> features per example,
    /// <paramref name="m"/> examples in all), feature-major into <paramref name="destination"/>; lanes past example m are 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Gather(ReadOnlySpan<float> source, int width, int block, int m, Span<float> destination)
    {
        int first = block * Block, valid = Math.Min(Block, m - first);
        if (valid < Block) destination[..(width * Block)].Clear();
        // Checked once here, so the transposing loop needs no bounds checks.
        ReadOnlySpan<float> rows = source.Slice(first * width, valid * width);
        Span<float> columns = destination[..(width * Block)];
        ref float from = ref MemoryMarshal.GetReference(rows);
        ref float to = ref MemoryMarshal.GetReference(columns);
        if (valid == Block && width == 1)
        {
            CopyWholeBlock(ref from, ref to);
            return;
        }
        if (valid == Block && width == 2 && Avx512F.IsSupported)
        {
            // Two features (the moons' x, y): the block's 32 floats in two vectors, split into even and odd by two permutes.
            Vector512<float> low = Vector512.LoadUnsafe(ref from), high = Vector512.LoadUnsafe(ref from, 16);
            Vector512<int> even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            Vector512.StoreUnsafe(Avx512F.PermuteVar16x32x2(low, even, high), ref to);
            Vector512.StoreUnsafe(Avx512F.PermuteVar16x32x2(low, even + Vector512<int>.One, high), ref to, 16);
            return;
        }
        int done = TransposedFeatures(width);
        for (int k = 0; k < done; k += 16) Lanes.BlockTranspose.Gather16(ref from, width, valid, k, Math.Min(16, width - k), ref to);
        if (valid == Block && done < width && Avx2.IsSupported)
        {
            // The features the transpose left (all of them without AVX-512, or fewer than 8), a whole block of each in two
            // hardware gathers instead of 16 scalar copies.
            Vector256<int> lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * width;
            fixed (float* row = rows)
                for (int k = done; k < width; k++)
                {
                    Vector256.StoreUnsafe(Avx2.GatherVector256(row + k, lanes, 4), ref to, (nuint)(k * Block));
                    Vector256.StoreUnsafe(Avx2.GatherVector256(row + 8 * width + k, lanes, 4), ref to, (nuint)(k * Block + 8));
                }
            return;
        }
        for (int i = 0; i < valid; i++)
        {
            ref float row = ref Unsafe.Add(ref from, i * width);
            ref float lane = ref Unsafe.Add(ref to, i);
            for (int k = done; k < width; k++) Unsafe.Add(ref lane, k * Block) = Unsafe.Add(ref row, k);
        }
    }

    /// <summary>The inverse of <see cref="Gather"/>: writes the block's examples below m, and nothing past them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scatter(ReadOnlySpan<float> source, int width, int block, int m, Span<float> destination)
    {
        int first = block * Block, valid = Math.Min(Block, m - first);
        ReadOnlySpan<float> columns = source[..(width * Block)];
        Span<float> rows = destination.Slice(first * width, valid * width);
        ref float from = ref MemoryMarshal.GetReference(columns);
        ref float to = ref MemoryMarshal.GetReference(rows);
        if (valid == Block && width == 1)
        {
            CopyWholeBlock(ref from, ref to);
            return;
        }
        int done = TransposedFeatures(width);
        for (int k = 0; k < done; k += 16) Lanes.BlockTranspose.Scatter16(ref from, width, valid, k, Math.Min(16, width - k), ref to);
        for (int i = 0; i < valid; i++)
        {
            ref float row = ref Unsafe.Add(ref to, i * width);
            ref float lane = ref Unsafe.Add(ref from, i);
            for (int k = done; k < width; k++) Unsafe.Add(ref row, k) = Unsafe.Add(ref lane, k * Block);
        }
    }

    /// <summary>A whole block of one feature, which is in lane order both sample-major and blocked: two vector copies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void CopyWholeBlock(ref float from, ref float to)
    {
        Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref from), ref to);
        Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref from, 8), ref to, 8);
    }

    /// <summary>The features <see cref="Gather"/> and <see cref="Scatter"/> move with the AVX-512 transpose (16 at a time, the last chunk of 8 or more masked); the rest go one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int TransposedFeatures(int width) =>
        !Lanes.BlockTranspose.IsSupported ? 0
        : width % 16 >= Lanes.BlockTranspose.MinFeatures ? width : width / 16 * 16;

    /// <summary>m examples of a blocked buffer of <paramref name="width"/> features, sample-major into <paramref name="destination"/>.</summary>
    public static void ToSampleMajor(ReadOnlySpan<float> blocked, int width, int m, Span<float> destination)
    {
        for (int block = 0; block < Blocks(m); block++)
            Scatter(blocked.Slice(block * Block * width, Block * width), width, block, m, destination);
    }

    /// <summary>m sample-major examples into a blocked buffer (lanes past m are 0).</summary>
    public static void FromSampleMajor(ReadOnlySpan<float> sampleMajor, int width, int m, Span<float> blocked)
    {
        for (int block = 0; block < Blocks(m); block++)
            Gather(sampleMajor, width, block, m, blocked.Slice(block * Block * width, Block * width));
    }

    /// <summary>
    /// <c>sum + weight * value</c>, rounded after the product and after the sum: the scalar code of <c>PredictOne</c>
    /// computes each unit the same way, in the same order, so a batch and a single example give the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSimd AddProduct<TSimd>(TSimd sum, float weight, TSimd value) where TSimd : struct, ISimd<TSimd> =>
        TSimd.Add(sum, TSimd.Multiply(TSimd.Broadcast(weight), value));

    /// <summary>max(z, 0) lane by lane (<see cref="ISimd{TSelf}.ReLU"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSimd ReLU<TSimd>(TSimd z) where TSimd : struct, ISimd<TSimd> => TSimd.ReLU(z);

    /// <summary>z where z &gt; 0, else 0.01 z: the larger of z and 0.01 z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSimd LeakyReLU<TSimd>(TSimd z) where TSimd : struct, ISimd<TSimd> =>
        TSimd.Max(z, TSimd.Multiply(TSimd.Broadcast(0.01f), z));

    /// <summary>1 / (1 + e^-z) lane by lane, with <see cref="Exp{TSimd}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSimd Sigmoid<TSimd>(TSimd z) where TSimd : struct, ISimd<TSimd> =>
        TSimd.Divide(TSimd.Broadcast(1f), TSimd.Add(TSimd.Broadcast(1f), Exp(TSimd.Subtract(TSimd.Zero, z))));

    /// <summary>
    /// e^z lane by lane, computed in double (<see cref="Lanes.LaneExp"/>) and rounded once, so it is the float nearest e^z but
    /// in rare cases (within 1e-7 relatively, as <see cref="MathF.Exp"/>); the float vector exponentials are up to an ulp off
    /// even at 0 (e^0 gives 1.0000001). Every width computes each lane alike, and <see cref="Exp(float)"/> is the scalar twin.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSimd Exp<TSimd>(TSimd z) where TSimd : struct, ISimd<TSimd>
    {
        if (typeof(TSimd) == typeof(Simd512))
        {
            var (low, high) = Vector512.Widen(Unsafe.As<TSimd, Vector512<float>>(ref z));
            var result = Vector512.Narrow(Lanes.LaneExp.Exp(low), Lanes.LaneExp.Exp(high));
            return Unsafe.As<Vector512<float>, TSimd>(ref result);
        }
        if (typeof(TSimd) == typeof(Simd256))
        {
            var (low, high) = Vector256.Widen(Unsafe.As<TSimd, Vector256<float>>(ref z));
            var result = Vector256.Narrow(Lanes.LaneExp.Exp(low), Lanes.LaneExp.Exp(high));
            return Unsafe.As<Vector256<float>, TSimd>(ref result);
        }
        Span<float> lanes = stackalloc float[Block];
        TSimd.Store(z, ref MemoryMarshal.GetReference(lanes));
        for (int i = 0; i < TSimd.Count; i++) lanes[i] = Exp(lanes[i]);
        return TSimd.Load(ref MemoryMarshal.GetReference(lanes));
    }

    /// <summary>tanh lane by lane, with <see cref="MathF.Tanh"/> (no vector tanh exists; the scalar path gives the same bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSimd Tanh<TSimd>(TSimd z) where TSimd : struct, ISimd<TSimd>
    {
        Span<float> lanes = stackalloc float[Block];
        TSimd.Store(z, ref MemoryMarshal.GetReference(lanes));
        for (int i = 0; i < TSimd.Count; i++) lanes[i] = MathF.Tanh(lanes[i]);
        return TSimd.Load(ref MemoryMarshal.GetReference(lanes));
    }

    /// <summary>e^z with the same bits as a lane of <see cref="Exp{TSimd}"/>, for scalar code (<c>LaneLayer.ForwardOne</c>, <see cref="Kernels.Softmax.Rows"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float z) => (float)Lanes.LaneExp.Exp(Vector128.CreateScalarUnsafe((double)z)).ToScalar();
}

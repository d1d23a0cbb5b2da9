using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Lanes;

/// <summary>
/// The forward pass of one example with its units across vector lanes: a block of 16 units' weights is transposed
/// (<see cref="WeightColumns"/>) so that column k holds input k's weight of each unit, then every unit's sum grows by
/// <c>column_k * a_k</c> in input order, multiply and add rounded separately, exactly the order of the batch kernels'
/// <c>b + w0 a0 + w1 a1 + ...</c>, so one example and a batch give the same bits. W is transposed on every call (a cached
/// copy would go stale when a caller writes the public weights); a layer too small to pay for the transpose runs the
/// scalar tiles of <see cref="ForwardOne"/>.
/// </summary>
public static partial class LaneLayer<TShape, TActivation>
{
    /// <summary>Inputs transposed at a time: 16 inputs of 16 units, 1 KiB on the stack per block.</summary>
    const int TransposedInputs = 16;

    /// <summary>Whether <see cref="ForwardOne"/> runs units across lanes here: a vector width, and a layer of at least 8 units and 16 inputs.</summary>
    static bool OneInLanes => SimdDispatch.Width > 1 && Out >= 8 && In >= 16;

    /// <summary><see cref="ForwardOne"/> at the width <typeparamref name="TSimd"/> whatever the layer's size (the scalar tiles at width 1), for tests.</summary>
    internal static void ForwardOne<TSimd>(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> output)
        where TSimd : struct, ISimd<TSimd>
    {
        RequireOne(input, weights, biases, output);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float a = ref MemoryMarshal.GetReference(output);
        if (TSimd.Count == 1) OneTiles(ref x, ref w, ref b, ref a);
        else OneLanes<TSimd>(ref x, ref w, ref b, ref a);
    }

    /// <summary>The lane path at the widest accelerated width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void OneLanes(ref float x, ref float w, ref float b, ref float a)
    {
        if (Vector512.IsHardwareAccelerated) OneLanes<Simd512>(ref x, ref w, ref b, ref a);
        else OneLanes<Simd256>(ref x, ref w, ref b, ref a);
    }

    /// <summary>Blocks of 16 units two at a time (their chains of adds overlap), the last one alone if odd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    static void OneLanes<TSimd>(ref float x, ref float w, ref float b, ref float a) where TSimd : struct, ISimd<TSimd>
    {
        if (Block % TSimd.Count != 0 || Block / TSimd.Count > 2)
            throw new NotSupportedException($"One example across lanes needs vectors of 8 or 16 floats, not {TSimd.Count}.");
        Span<float> columns = stackalloc float[2 * TransposedInputs * Block];
        Span<float> sums = stackalloc float[2 * Block];
        var input = MemoryMarshal.CreateReadOnlySpan(ref x, In);
        var weights = MemoryMarshal.CreateReadOnlySpan(ref w, In * Out);
        var biases = MemoryMarshal.CreateReadOnlySpan(ref b, Out);
        var output = MemoryMarshal.CreateSpan(ref a, Out);
        int j0 = 0;
        for (; Out - j0 > Block; j0 += 2 * Block) OneStep<TSimd, Tile2>(input, weights, biases, output, j0, columns, sums);
        if (j0 < Out) OneStep<TSimd, Tile1>(input, weights, biases, output, j0, columns, sums);
    }

    /// <summary>
    /// <typeparamref name="TBlocks"/>.Rows blocks of units from <paramref name="j0"/> (the second, or a lone one, may be the
    /// layer's last, partial block): their sums start as the biases in <paramref name="sums"/> (16 floats a block, so
    /// nothing past Out is read or written), grow over the inputs, and leave through the activation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void OneStep<TSimd, TBlocks>(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> output, int j0,
        Span<float> columns, Span<float> sums)
        where TSimd : struct, ISimd<TSimd>
        where TBlocks : struct, ILaneTile
    {
        bool pair = TBlocks.Rows == 2;
        int first = Math.Min(Block, Out - j0), second = pair ? Math.Min(Block, Out - j0 - Block) : 0;
        if (first + second < TBlocks.Rows * Block) sums.Clear();
        biases.Slice(j0, first).CopyTo(sums);
        if (pair) biases.Slice(j0 + Block, second).CopyTo(sums[Block..]);
        OneSums<TSimd, TBlocks>(ref MemoryMarshal.GetReference(input), ref Unsafe.AsRef(in weights[j0 * In]), first, second, columns, ref sums[0]);
        ref float z = ref MemoryMarshal.GetReference(sums);
        for (int v = 0; v < TBlocks.Rows * Block; v += TSimd.Count)
            TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(TSimd.Load(ref Unsafe.Add(ref z, v))), ref Unsafe.Add(ref z, v));
        sums[..first].CopyTo(output[j0..]);
        if (pair) sums.Slice(Block, second).CopyTo(output[(j0 + Block)..]);
    }

    /// <summary>
    /// The chains of adds: each block's sums (one vector of 16 or two of 8) grow by <c>column_k * a_k</c>, k = 0, 1, ...
    /// in order, 16 inputs transposed at a time, so a tile's transpose overlaps the previous tile's adds. The sums stay
    /// in registers: the transposes are inlined, and nothing here calls out (every vector register is lost across a call).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void OneSums<TSimd, TBlocks>(ref float x, ref float w, int first, int second, Span<float> columns, ref float sums)
        where TSimd : struct, ISimd<TSimd>
        where TBlocks : struct, ILaneTile
    {
        bool two = Block / TSimd.Count == 2, pair = TBlocks.Rows == 2;
        ref float c0 = ref MemoryMarshal.GetReference(columns);
        ref float c1 = ref pair ? ref Unsafe.Add(ref c0, TransposedInputs * Block) : ref c0;
        ref float w1 = ref pair ? ref Unsafe.Add(ref w, Block * In) : ref w;
        TSimd z0 = TSimd.Load(ref sums);
        TSimd z1 = two ? TSimd.Load(ref Unsafe.Add(ref sums, TSimd.Count)) : TSimd.Zero;
        TSimd z2 = pair ? TSimd.Load(ref Unsafe.Add(ref sums, Block)) : TSimd.Zero;
        TSimd z3 = pair && two ? TSimd.Load(ref Unsafe.Add(ref sums, Block + TSimd.Count)) : TSimd.Zero;
        for (int k0 = 0; k0 < In; k0 += TransposedInputs)
        {
            int count = Math.Min(TransposedInputs, In - k0);
            WeightColumns.Transpose(ref Unsafe.Add(ref w, k0), In, first, count, ref c0);
            if (pair) WeightColumns.Transpose(ref Unsafe.Add(ref w1, k0), In, second, count, ref c1);
            ref float xk = ref Unsafe.Add(ref x, k0);
            for (int k = 0; k < count; k++)
            {
                TSimd ak = TSimd.Broadcast(Unsafe.Add(ref xk, k));
                ref float k0c = ref Unsafe.Add(ref c0, k * Block);
                z0 = TSimd.Add(z0, TSimd.Multiply(TSimd.Load(ref k0c), ak));
                if (two) z1 = TSimd.Add(z1, TSimd.Multiply(TSimd.Load(ref Unsafe.Add(ref k0c, TSimd.Count)), ak));
                if (!pair) continue;
                ref float k1c = ref Unsafe.Add(ref c1, k * Block);
                z2 = TSimd.Add(z2, TSimd.Multiply(TSimd.Load(ref k1c), ak));
                if (two) z3 = TSimd.Add(z3, TSimd.Multiply(TSimd.Load(ref Unsafe.Add(ref k1c, TSimd.Count)), ak));
            }
        }
        TSimd.Store(z0, ref sums);
        if (two) TSimd.Store(z1, ref Unsafe.Add(ref sums, TSimd.Count));
        if (pair) TSimd.Store(z2, ref Unsafe.Add(ref sums, Block));
        if (pair && two) TSimd.Store(z3, ref Unsafe.Add(ref sums, Block + TSimd.Count));
    }
}

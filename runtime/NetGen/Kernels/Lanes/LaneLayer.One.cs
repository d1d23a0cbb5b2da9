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
    /// <summary>Inputs transposed per step: 64 inputs of 16 units, 4 KiB on the stack, for any layer width.</summary>
    const int OneChunk = 64;

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

    /// <summary>Blocks of 16 units, one unit per lane (one vector of 16 or two of 8); a block's inputs a chunk at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    static void OneLanes<TSimd>(ref float x, ref float w, ref float b, ref float a) where TSimd : struct, ISimd<TSimd>
    {
        if (Block % TSimd.Count != 0 || Block / TSimd.Count > 2)
            throw new NotSupportedException($"One example across lanes needs vectors of 8 or 16 floats, not {TSimd.Count}.");
        bool two = Block / TSimd.Count == 2;
        Span<float> scratch = stackalloc float[Math.Min(OneChunk, In) * Block];
        Span<float> edge = stackalloc float[Block];
        ref float columns = ref MemoryMarshal.GetReference(scratch);
        ref float lanes = ref MemoryMarshal.GetReference(edge);
        for (int j0 = 0; j0 < Out; j0 += Block)
        {
            int units = Math.Min(Block, Out - j0);
            ref float bj = ref Unsafe.Add(ref b, j0);
            // The last block's biases (and outputs) pass through 16 floats on the stack, so nothing past Out is touched.
            if (units < Block)
            {
                edge.Clear();
                for (int j = 0; j < units; j++) Unsafe.Add(ref lanes, j) = Unsafe.Add(ref bj, j);
            }
            ref float bias = ref units < Block ? ref lanes : ref bj;
            TSimd z0 = TSimd.Load(ref bias), z1 = two ? TSimd.Load(ref Unsafe.Add(ref bias, TSimd.Count)) : TSimd.Zero;
            ref float wj = ref Unsafe.Add(ref w, j0 * In);
            for (int k0 = 0; k0 < In; k0 += OneChunk)
            {
                int count = Math.Min(OneChunk, In - k0);
                WeightColumns.Transpose(ref Unsafe.Add(ref wj, k0), In, units, count, ref columns);
                ref float xk = ref Unsafe.Add(ref x, k0);
                for (int k = 0; k < count; k++)
                {
                    TSimd ak = TSimd.Broadcast(Unsafe.Add(ref xk, k));
                    ref float column = ref Unsafe.Add(ref columns, k * Block);
                    z0 = TSimd.Add(z0, TSimd.Multiply(TSimd.Load(ref column), ak));
                    if (two) z1 = TSimd.Add(z1, TSimd.Multiply(TSimd.Load(ref Unsafe.Add(ref column, TSimd.Count)), ak));
                }
            }
            ref float aj = ref Unsafe.Add(ref a, j0);
            ref float target = ref units < Block ? ref lanes : ref aj;
            TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(z0), ref target);
            if (two) TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(z1), ref Unsafe.Add(ref target, TSimd.Count));
            if (units < Block)
                for (int j = 0; j < units; j++) Unsafe.Add(ref aj, j) = Unsafe.Add(ref lanes, j);
        }
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Lanes;

public static partial class LaneLayer<TShape, TActivation>
{
    /// <summary>Blocks of examples a group tile runs at once: four vectors of examples share each broadcast weight.</summary>
    const int GroupBlocks = 4;

    /// <summary>
    /// Whether the forward pass runs groups of <see cref="GroupBlocks"/> blocks: mid-size layers (more than 32 inputs) at
    /// a width of one block per vector with 32 registers, into a blocked output. One weight broadcast then feeds four
    /// vectors of examples instead of one (4 x 4 sums in registers), so the loads no longer bound the multiply-adds.
    /// </summary>
    static bool Grouped<TSimd>(bool outputBlocked) where TSimd : struct, ISimd<TSimd> =>
        In > 32 && TSimd.Count == Block && TSimd.Registers >= 32 && outputBlocked;

    /// <summary>The forward pass of the whole groups of blocks; returns the blocks done (the rest take the one-block tiles).</summary>
    // The gathered blocks are written whole before they are read (lanes past the last example as zeros): no clearing.
    [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
    static int ForwardGroups<TSimd>(scoped ref LaneArgs args) where TSimd : struct, ISimd<TSimd>
    {
        int groups = ExampleLanes.Blocks(args.Examples) / GroupBlocks;
        if (groups == 0) return 0;
        bool inputBlocked = args.InputBlocked;
        Span<float> gathered = inputBlocked ? default : stackalloc float[GroupBlocks * Block * In];
        ref float w = ref MemoryMarshal.GetReference(args.Weights);
        ref float b = ref MemoryMarshal.GetReference(args.Biases);
        for (int group = 0; group < groups; group++)
        {
            int first = group * GroupBlocks;
            if (!inputBlocked)
                for (int block = 0; block < GroupBlocks; block++)
                    ExampleLanes.Gather(args.Input, In, first + block, args.Examples, gathered.Slice(block * Block * In, Block * In));
            ref float a = ref inputBlocked
                ? ref Unsafe.Add(ref MemoryMarshal.GetReference(args.Input), first * Block * In)
                : ref MemoryMarshal.GetReference(gathered);
            ref float z = ref Unsafe.Add(ref MemoryMarshal.GetReference(args.Output), first * Block * Out);
            int j = 0;
            for (; j + 4 <= Out; j += 4) GroupTile<TSimd, Tile4>(ref a, ref w, ref b, ref z, j);
            if ((Out & 2) != 0) { GroupTile<TSimd, Tile2>(ref a, ref w, ref b, ref z, j); j += 2; }
            if ((Out & 1) != 0) GroupTile<TSimd, Tile1>(ref a, ref w, ref b, ref z, j);
        }
        return groups * GroupBlocks;
    }

    /// <summary>
    /// Units j0 .. j0 + rows (up to 4) of four blocks of examples, one vector each: 16 sums in registers over the loop of
    /// inputs, each in the order of <see cref="ForwardTile{TSimd, TTile}"/> (same bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void GroupTile<TSimd, TTile>(ref float a, ref float w, ref float b, ref float z, int j0)
        where TSimd : struct, ISimd<TSimd>
        where TTile : struct, ILaneTile
    {
        int rows = TTile.Rows;
        int stride = Block * In; // the same input of the next block
        ref float wj = ref Unsafe.Add(ref w, j0 * In);
        ref float bj = ref Unsafe.Add(ref b, j0);
        TSimd b0 = TSimd.Broadcast(bj);
        TSimd b1 = rows > 1 ? TSimd.Broadcast(Unsafe.Add(ref bj, 1)) : TSimd.Zero;
        TSimd b2 = rows > 2 ? TSimd.Broadcast(Unsafe.Add(ref bj, 2)) : TSimd.Zero;
        TSimd b3 = rows > 3 ? TSimd.Broadcast(Unsafe.Add(ref bj, 3)) : TSimd.Zero;
        TSimd s00 = b0, s01 = b0, s02 = b0, s03 = b0, s10 = b1, s11 = b1, s12 = b1, s13 = b1;
        TSimd s20 = b2, s21 = b2, s22 = b2, s23 = b2, s30 = b3, s31 = b3, s32 = b3, s33 = b3;
        for (int k = 0; k < In; k++)
        {
            ref float ak = ref Unsafe.Add(ref a, k * Block);
            TSimd a0 = TSimd.Load(ref ak), a1 = TSimd.Load(ref Unsafe.Add(ref ak, stride));
            TSimd a2 = TSimd.Load(ref Unsafe.Add(ref ak, 2 * stride)), a3 = TSimd.Load(ref Unsafe.Add(ref ak, 3 * stride));
            ref float wk = ref Unsafe.Add(ref wj, k);
            TSimd w0 = TSimd.Broadcast(wk);
            s00 = TSimd.Add(s00, TSimd.Multiply(w0, a0)); s01 = TSimd.Add(s01, TSimd.Multiply(w0, a1));
            s02 = TSimd.Add(s02, TSimd.Multiply(w0, a2)); s03 = TSimd.Add(s03, TSimd.Multiply(w0, a3));
            if (rows > 1)
            {
                TSimd w1 = TSimd.Broadcast(Unsafe.Add(ref wk, In));
                s10 = TSimd.Add(s10, TSimd.Multiply(w1, a0)); s11 = TSimd.Add(s11, TSimd.Multiply(w1, a1));
                s12 = TSimd.Add(s12, TSimd.Multiply(w1, a2)); s13 = TSimd.Add(s13, TSimd.Multiply(w1, a3));
            }
            if (rows > 2)
            {
                TSimd w2 = TSimd.Broadcast(Unsafe.Add(ref wk, 2 * In));
                s20 = TSimd.Add(s20, TSimd.Multiply(w2, a0)); s21 = TSimd.Add(s21, TSimd.Multiply(w2, a1));
                s22 = TSimd.Add(s22, TSimd.Multiply(w2, a2)); s23 = TSimd.Add(s23, TSimd.Multiply(w2, a3));
            }
            if (rows > 3)
            {
                TSimd w3 = TSimd.Broadcast(Unsafe.Add(ref wk, 3 * In));
                s30 = TSimd.Add(s30, TSimd.Multiply(w3, a0)); s31 = TSimd.Add(s31, TSimd.Multiply(w3, a1));
                s32 = TSimd.Add(s32, TSimd.Multiply(w3, a2)); s33 = TSimd.Add(s33, TSimd.Multiply(w3, a3));
            }
        }
        ref float zj = ref Unsafe.Add(ref z, j0 * Block);
        Put(s00, s01, s02, s03, ref zj);
        if (rows > 1) Put(s10, s11, s12, s13, ref Unsafe.Add(ref zj, Block));
        if (rows > 2) Put(s20, s21, s22, s23, ref Unsafe.Add(ref zj, 2 * Block));
        if (rows > 3) Put(s30, s31, s32, s33, ref Unsafe.Add(ref zj, 3 * Block));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Put(TSimd v0, TSimd v1, TSimd v2, TSimd v3, ref float z)
        {
            int outStride = Block * Out;
            TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(v0), ref z);
            TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(v1), ref Unsafe.Add(ref z, outStride));
            TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(v2), ref Unsafe.Add(ref z, 2 * outStride));
            TSimd.Store(LaneActivation.Apply<TActivation, TSimd>(v3), ref Unsafe.Add(ref z, 3 * outStride));
        }
    }
}

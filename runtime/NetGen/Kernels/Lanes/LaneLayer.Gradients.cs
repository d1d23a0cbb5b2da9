using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Kernels.Dense;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Lanes;

public static partial class LaneLayer<TShape, TActivation>
{
    /// <summary>A layer's gradients, db of every unit then dW row-major: also the order of the per-lane sums between chunks.</summary>
    static int GradientCount => Out + Out * In;

    readonly partial struct BackwardKernel<TInputActivation>
    {
        /// <summary>
        /// Whether one vector's lanes hold every gradient of this layer (the moons' 15, 12 and 3 at 16 lanes): then
        /// <see cref="GroupGradients"/> sums them all in one pass and one reduction, where the tiles of
        /// <see cref="AddGradients"/> make a call and a reduction each, which for a tiny layer cost more than its arithmetic.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static bool OneGroup<TSimd>() where TSimd : struct, ISimd<TSimd> => TSimd.Count > 1 && GradientCount <= TSimd.Count;

        /// <summary>
        /// db and dW of every unit at once: gradient i's per-lane sum in register i while the chunk's examples stream by,
        /// each example added as the tiles add it (db with an add, dW with a fused multiply-add, in example order), so
        /// the bits are the tiles'; after the last chunk one <see cref="LaneSums"/> adds every gradient's lanes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
        static void GroupGradients<TSimd>(ref float a, ref float d, Gradients g, int count, bool resume, bool more)
            where TSimd : struct, ISimd<TSimd>
        {
            // The sizes read once into locals, constants to the JIT: the code of 16 sums exhausts its inlining budget, past
            // which each further read of a size property would stay a call.
            int units = Out, inputs = In, total = units + units * inputs;
            ref float t = ref g.Sum(0);
            int present = resume ? total : 0;
            TSimd v0 = Get<TSimd>(ref t, 0, present), v1 = Get<TSimd>(ref t, 1, present), v2 = Get<TSimd>(ref t, 2, present), v3 = Get<TSimd>(ref t, 3, present), v4 = Get<TSimd>(ref t, 4, present), v5 = Get<TSimd>(ref t, 5, present), v6 = Get<TSimd>(ref t, 6, present), v7 = Get<TSimd>(ref t, 7, present), v8 = Get<TSimd>(ref t, 8, present), v9 = Get<TSimd>(ref t, 9, present), v10 = Get<TSimd>(ref t, 10, present), v11 = Get<TSimd>(ref t, 11, present), v12 = Get<TSimd>(ref t, 12, present), v13 = Get<TSimd>(ref t, 13, present), v14 = Get<TSimd>(ref t, 14, present), v15 = Get<TSimd>(ref t, 15, present);
            for (int block = 0; block < count; block++)
            {
                ref float db = ref Unsafe.Add(ref d, block * Block * units);
                ref float ab = ref Unsafe.Add(ref a, block * Block * inputs);
                for (int s = 0; s < Block; s += TSimd.Count)
                {
                    ref float dLane = ref Unsafe.Add(ref db, s);
                    ref float aLane = ref Unsafe.Add(ref ab, s);
                    v0 = Accumulate(units, inputs, v0, 0, ref dLane, ref aLane);
                    v1 = Accumulate(units, inputs, v1, 1, ref dLane, ref aLane);
                    v2 = Accumulate(units, inputs, v2, 2, ref dLane, ref aLane);
                    v3 = Accumulate(units, inputs, v3, 3, ref dLane, ref aLane);
                    v4 = Accumulate(units, inputs, v4, 4, ref dLane, ref aLane);
                    v5 = Accumulate(units, inputs, v5, 5, ref dLane, ref aLane);
                    v6 = Accumulate(units, inputs, v6, 6, ref dLane, ref aLane);
                    v7 = Accumulate(units, inputs, v7, 7, ref dLane, ref aLane);
                    v8 = Accumulate(units, inputs, v8, 8, ref dLane, ref aLane);
                    v9 = Accumulate(units, inputs, v9, 9, ref dLane, ref aLane);
                    v10 = Accumulate(units, inputs, v10, 10, ref dLane, ref aLane);
                    v11 = Accumulate(units, inputs, v11, 11, ref dLane, ref aLane);
                    v12 = Accumulate(units, inputs, v12, 12, ref dLane, ref aLane);
                    v13 = Accumulate(units, inputs, v13, 13, ref dLane, ref aLane);
                    v14 = Accumulate(units, inputs, v14, 14, ref dLane, ref aLane);
                    v15 = Accumulate(units, inputs, v15, 15, ref dLane, ref aLane);
                }
            }
            if (more)
            {
                Put(v0, ref t, 0, total); Put(v1, ref t, 1, total); Put(v2, ref t, 2, total); Put(v3, ref t, 3, total); Put(v4, ref t, 4, total); Put(v5, ref t, 5, total); Put(v6, ref t, 6, total); Put(v7, ref t, 7, total); Put(v8, ref t, 8, total); Put(v9, ref t, 9, total); Put(v10, ref t, 10, total); Put(v11, ref t, 11, total); Put(v12, ref t, 12, total); Put(v13, ref t, 13, total); Put(v14, ref t, 14, total); Put(v15, ref t, 15, total);
                return;
            }
            TSimd sums = LaneSums(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15);
            Span<float> lanes = stackalloc float[Block];
            TSimd.Store(TSimd.Multiply(sums, TSimd.Broadcast(g.InverseM)), ref MemoryMarshal.GetReference(lanes));
            ref byte from = ref Unsafe.As<float, byte>(ref MemoryMarshal.GetReference(lanes));
            Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>(ref g.DBiases), ref from, (uint)(units * sizeof(float)));
            Unsafe.CopyBlockUnaligned(
                ref Unsafe.As<float, byte>(ref g.DWeights), ref Unsafe.Add(ref from, units * sizeof(float)), (uint)(units * inputs * sizeof(float)));
        }

        /// <summary>Gradient <paramref name="i"/>'s sum plus one vector of examples: db of unit i, or dW[j, k] for i = Out + j * In + k.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TSimd Accumulate<TSimd>(int units, int inputs, TSimd sum, int i, ref float d, ref float a) where TSimd : struct, ISimd<TSimd>
        {
            if (i >= units + units * inputs) return sum;
            if (i < units) return TSimd.Add(sum, TSimd.Load(ref Unsafe.Add(ref d, i * Block)));
            int j = (i - units) / inputs, k = (i - units) % inputs;
            return TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref d, j * Block)), TSimd.Load(ref Unsafe.Add(ref a, k * Block)), sum);
        }
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Kernels.Dense;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Lanes;

public static partial class LaneLayer<TShape, TActivation>
{
    /// <summary>A layer's gradients, db of every unit then dW row-major: also the order of the per-lane sums between chunks.</summary>
    static int GradientCount
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Out + Out * In;
    }

    /// <summary>The most vectors of gradients <see cref="BackwardKernel{TInputActivation}.GroupGradients"/> serves (the 2-10-5-1 network's 55 at 16 lanes).</summary>
    const int MaxGradientGroups = 4;

    readonly partial struct BackwardKernel<TInputActivation>
    {
        /// <summary>
        /// Whether a few vectors' lanes hold every gradient of this layer (the moons' 15, 12 and 3 at 16 lanes): then
        /// <see cref="GroupGradients"/> sums a vector of them per pass, with one reduction, where the tiles of
        /// <see cref="AddGradients"/> make a call and a reduction per tile of up to 4 x 4, which for a tiny layer cost more
        /// than its arithmetic.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static bool Grouped<TSimd>() where TSimd : struct, ISimd<TSimd> =>
            TSimd.Count > 1 && GradientCount <= MaxGradientGroups * TSimd.Count;

        /// <summary>Every gradient of the chunk, a vector of them per pass.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void AllGroups<TSimd>(ref float a, ref float d, Gradients g, int count, bool resume, bool more)
            where TSimd : struct, ISimd<TSimd>
        {
            GroupGradients<TSimd, Group0>(ref a, ref d, g, count, resume, more);
            if (GradientCount > TSimd.Count) GroupGradients<TSimd, Group1>(ref a, ref d, g, count, resume, more);
            if (GradientCount > 2 * TSimd.Count) GroupGradients<TSimd, Group2>(ref a, ref d, g, count, resume, more);
            if (GradientCount > 3 * TSimd.Count) GroupGradients<TSimd, Group3>(ref a, ref d, g, count, resume, more);
        }

        /// <summary>
        /// Gradients first .. first + Count (first = group x Count) of the chunk: gradient first + i's per-lane sum in
        /// register i while the examples stream by, each example added as the tiles add it (db with an add, dW with a fused
        /// multiply-add, in example order), so the bits are the tiles'; after the last chunk one <see cref="LaneSums"/> adds
        /// each gradient's lanes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
        static void GroupGradients<TSimd, TGroup>(ref float a, ref float d, Gradients g, int count, bool resume, bool more)
            where TSimd : struct, ISimd<TSimd>
            where TGroup : struct, IGradientGroup
        {
            // The sizes read once into locals, constants to the JIT: the code of 16 sums exhausts its inlining budget, past
            // which each further read of a size property would stay a call.
            int units = Out, inputs = In, first = TGroup.Index * TSimd.Count;
            int sums = Math.Min(units + units * inputs - first, TSimd.Count);
            ref float t = ref g.Sum(first * TSimd.Count);
            int present = resume ? sums : 0;
            TSimd v0 = Get<TSimd>(ref t, 0, present), v1 = Get<TSimd>(ref t, 1, present), v2 = Get<TSimd>(ref t, 2, present), v3 = Get<TSimd>(ref t, 3, present),
                v4 = Get<TSimd>(ref t, 4, present), v5 = Get<TSimd>(ref t, 5, present), v6 = Get<TSimd>(ref t, 6, present), v7 = Get<TSimd>(ref t, 7, present),
                v8 = Get<TSimd>(ref t, 8, present), v9 = Get<TSimd>(ref t, 9, present), v10 = Get<TSimd>(ref t, 10, present), v11 = Get<TSimd>(ref t, 11, present),
                v12 = Get<TSimd>(ref t, 12, present), v13 = Get<TSimd>(ref t, 13, present), v14 = Get<TSimd>(ref t, 14, present), v15 = Get<TSimd>(ref t, 15, present);
            for (int block = 0; block < count; block++)
            {
                ref float db = ref Unsafe.Add(ref d, block * Block * units);
                ref float ab = ref Unsafe.Add(ref a, block * Block * inputs);
                for (int s = 0; s < Block; s += TSimd.Count)
                {
                    ref float dLane = ref Unsafe.Add(ref db, s);
                    ref float aLane = ref Unsafe.Add(ref ab, s);
                    v0 = Accumulate(units, inputs, first, 0, v0, ref dLane, ref aLane);
                    v1 = Accumulate(units, inputs, first, 1, v1, ref dLane, ref aLane);
                    v2 = Accumulate(units, inputs, first, 2, v2, ref dLane, ref aLane);
                    v3 = Accumulate(units, inputs, first, 3, v3, ref dLane, ref aLane);
                    v4 = Accumulate(units, inputs, first, 4, v4, ref dLane, ref aLane);
                    v5 = Accumulate(units, inputs, first, 5, v5, ref dLane, ref aLane);
                    v6 = Accumulate(units, inputs, first, 6, v6, ref dLane, ref aLane);
                    v7 = Accumulate(units, inputs, first, 7, v7, ref dLane, ref aLane);
                    v8 = Accumulate(units, inputs, first, 8, v8, ref dLane, ref aLane);
                    v9 = Accumulate(units, inputs, first, 9, v9, ref dLane, ref aLane);
                    v10 = Accumulate(units, inputs, first, 10, v10, ref dLane, ref aLane);
                    v11 = Accumulate(units, inputs, first, 11, v11, ref dLane, ref aLane);
                    v12 = Accumulate(units, inputs, first, 12, v12, ref dLane, ref aLane);
                    v13 = Accumulate(units, inputs, first, 13, v13, ref dLane, ref aLane);
                    v14 = Accumulate(units, inputs, first, 14, v14, ref dLane, ref aLane);
                    v15 = Accumulate(units, inputs, first, 15, v15, ref dLane, ref aLane);
                }
            }
            if (more)
            {
                Put(v0, ref t, 0, sums); Put(v1, ref t, 1, sums); Put(v2, ref t, 2, sums); Put(v3, ref t, 3, sums);
                Put(v4, ref t, 4, sums); Put(v5, ref t, 5, sums); Put(v6, ref t, 6, sums); Put(v7, ref t, 7, sums);
                Put(v8, ref t, 8, sums); Put(v9, ref t, 9, sums); Put(v10, ref t, 10, sums); Put(v11, ref t, 11, sums);
                Put(v12, ref t, 12, sums); Put(v13, ref t, 13, sums); Put(v14, ref t, 14, sums); Put(v15, ref t, 15, sums);
                return;
            }
            TSimd total = LaneSums(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15);
            Span<float> lanes = stackalloc float[Block];
            TSimd.Store(TSimd.Multiply(total, TSimd.Broadcast(g.InverseM)), ref MemoryMarshal.GetReference(lanes));
            // The group's biases (gradients below units), then its weights.
            int biases = Math.Clamp(units - first, 0, sums);
            ref byte from = ref Unsafe.As<float, byte>(ref MemoryMarshal.GetReference(lanes));
            if (biases > 0)
                Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref g.DBiases, first)), ref from, (uint)(biases * sizeof(float)));
            if (sums > biases)
                Unsafe.CopyBlockUnaligned(
                    ref Unsafe.As<float, byte>(ref Unsafe.Add(ref g.DWeights, first + biases - units)),
                    ref Unsafe.Add(ref from, biases * sizeof(float)), (uint)((sums - biases) * sizeof(float)));
        }

        /// <summary>
        /// Gradient i = first + <paramref name="lane"/>'s sum plus one vector of examples: db of unit i, or dW[j, k] for
        /// i = units + j * inputs + k; unchanged past the layer's gradients or the vector's lanes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TSimd Accumulate<TSimd>(int units, int inputs, int first, int lane, TSimd sum, ref float d, ref float a)
            where TSimd : struct, ISimd<TSimd>
        {
            int i = first + lane;
            if (lane >= TSimd.Count || i >= units + units * inputs) return sum;
            if (i < units) return TSimd.Add(sum, TSimd.Load(ref Unsafe.Add(ref d, i * Block)));
            int j = (i - units) / inputs, k = (i - units) % inputs;
            return TSimd.MultiplyAdd(TSimd.Load(ref Unsafe.Add(ref d, j * Block)), TSimd.Load(ref Unsafe.Add(ref a, k * Block)), sum);
        }
    }
}

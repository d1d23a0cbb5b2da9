using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Dense;

public static partial class DenseLayer<TShape, TActivation>
{
    /// <summary>
    /// <c>output[i, j] = activation(biases[j] + sum_k weights[j, k] input[i, k])</c> for the first <paramref name="m"/>
    /// examples. Work items are the superblocks of inputs (times ranges of units of a wide layer, times blocks of
    /// examples when there are fewer superblocks than threads want items): each item copies its slice of W side by
    /// side once, then streams its examples past it a register tile at a time, so W is read once and every input once.
    /// A single example's items are runs of consecutive superblocks, one per thread, reading W in place.
    /// Every output keeps one vector of partial sums per superblock of inputs, added lane by lane in input order, then
    /// the superblocks' sums in order, so its bits do not depend on the tile, the item or the thread that computed it.
    /// </summary>
    /// <param name="input">(m, Inputs) sample-major.</param>
    /// <param name="weights">(Outputs, Inputs) row-major.</param>
    /// <param name="biases">Outputs floats.</param>
    /// <param name="output">Receives (m, Outputs) sample-major.</param>
    /// <param name="m">The examples.</param>
    /// <exception cref="ArgumentException">A span is shorter than the layer and <paramref name="m"/> need.</exception>
    public static void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> output, int m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        Require(input.Length, (long)m * In, nameof(input));
        Require(weights.Length, (long)In * Out, nameof(weights));
        Require(biases.Length, Out, nameof(biases));
        Require(output.Length, (long)m * Out, nameof(output));
        var args = new ForwardArgs { Input = input, Weights = weights, Biases = biases, Output = output, M = m };
        SimdDispatch.Run<ForwardKernel, ForwardArgs>(ref args);
    }

    /// <summary><see cref="Forward"/> at width <typeparamref name="T"/>, whichever the machine accelerates (tests call every width).</summary>
    internal static void Forward<T>(ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> output, int m)
        where T : struct, ISimd<T>
    {
        var args = new ForwardArgs { Input = input, Weights = weights, Biases = biases, Output = output, M = m };
        ForwardKernel.Run<T>(ref args);
    }

    ref struct ForwardArgs
    {
        public ReadOnlySpan<float> Input, Weights, Biases;
        public Span<float> Output;
        public int M;
    }

    readonly struct ForwardKernel : ISimdKernel<ForwardArgs>
    {
        /// <summary>
        /// Rounds of examples, each one job writing every superblock's sums (into the output itself when there is one
        /// superblock, else into a pooled buffer, added up in order afterwards); then the last inputs, bias and activation.
        /// </summary>
        public static void Run<T>(scoped ref ForwardArgs a) where T : struct, ISimd<T>
        {
            int m = a.M, superblocks = Superblocks<T>();
            if (m == 0) return;
            ref float output = ref MemoryMarshal.GetReference(a.Output);
            if (superblocks > 0)
            {
                int round = ForwardRoundRows<T>(superblocks, m);
                float[]? rented = superblocks > 1 ? KernelScratch.Rent(superblocks * round * Out) : null;
                try
                {
                    for (int first = 0; first < m; first += round)
                    {
                        int n = Math.Min(round, m - first);
                        Span<float> outputs = a.Output.Slice(first * Out, n * Out);
                        Span<float> sums = rented is null ? outputs : rented.AsSpan(0, superblocks * n * Out);
                        if (n == 1)
                        {
                            int runs = Math.Min(superblocks, WorkSplitter.ThreadCount);
                            WorkSplitter.Run<ForwardOneWork<T>>(runs * UnitPasses<T>(), n >= MinParallelExamples, OneScratch<T>(runs), 1, 0f,
                                a.Input.Slice(first * In, In), a.Weights, sums, block: runs);
                        }
                        else
                        {
                            int blocks = ForwardBlocks<T>(n, superblocks, WorkSplitter.ThreadCount);
                            WorkSplitter.Run<ForwardWork<T>>(blocks * superblocks * UnitPasses<T>(), n >= MinParallelExamples, ForwardScratch<T>(), n, 0f,
                                a.Input.Slice(first * In, n * In), a.Weights, sums, block: blocks);
                        }
                        if (rented is not null)
                            AddSuperblocks<T>(ref MemoryMarshal.GetReference(sums), ref MemoryMarshal.GetReference(outputs), n * Out, superblocks);
                    }
                }
                finally
                {
                    if (rented is not null) KernelScratch.Return(rented);
                }
            }
            ForwardFinish<T>(ref MemoryMarshal.GetReference(a.Input), ref MemoryMarshal.GetReference(a.Weights), ref MemoryMarshal.GetReference(a.Biases),
                ref output, 0, m, 0, Out, superblocks > 0);
        }
    }

    /// <summary>Examples per round: whole register tiles whose superblock sums fit in <see cref="DenseTiles.MaxForwardSums"/> floats.</summary>
    static int ForwardRoundRows<T>(int superblocks, int m) where T : struct, ISimd<T>
    {
        int r = DenseTiles.ForwardRows<T>();
        long rows = Math.Max(r, DenseTiles.MaxForwardSums / ((long)superblocks * Out) / r * r);
        return (int)Math.Min(rows, m);
    }

    /// <summary>Widest superblock of inputs, in floats.</summary>
    static int MaxSuperblockWidth<T>() where T : struct, ISimd<T>
    {
        int widest = 0;
        for (int s = 0; s < Superblocks<T>(); s++) widest = Math.Max(widest, SuperblockInputs<T>(s).End - SuperblockInputs<T>(s).Start);
        return widest;
    }

    /// <summary>
    /// Units a forward item sums: whole register tiles of units whose slice of W (<see cref="DenseTiles.ForwardPackedFloats"/>
    /// floats) stays in L2 and whose partial sums (<see cref="DenseTiles.ForwardPassUnits"/> at most) stay in L1.
    /// </summary>
    static int PassUnits<T>() where T : struct, ISimd<T>
    {
        int fit = DenseTiles.ForwardPackedFloats / Math.Max(1, MaxSuperblockWidth<T>()) / DenseTiles.ForwardUnits * DenseTiles.ForwardUnits;
        return Math.Min(Out, Math.Clamp(fit, DenseTiles.ForwardUnits, DenseTiles.ForwardPassUnits));
    }

    /// <summary>Ranges of units of a forward pass.</summary>
    static int UnitPasses<T>() where T : struct, ISimd<T> => (Out + PassUnits<T>() - 1) / PassUnits<T>();

    /// <summary>
    /// Blocks of examples a forward round is split into: one, unless its superblocks and ranges of units make fewer
    /// than <see cref="DenseTiles.ForwardItemsPerThread"/> items per thread; whole register tiles each. The results do not depend on it.
    /// </summary>
    static int ForwardBlocks<T>(int n, int superblocks, int threads) where T : struct, ISimd<T>
    {
        int items = superblocks * UnitPasses<T>(), wanted = threads * DenseTiles.ForwardItemsPerThread;
        return items >= wanted ? 1 : Math.Min(ForwardTileCount<T>(n), (wanted + items - 1) / items);
    }

    /// <summary>Register tiles of examples in <paramref name="m"/> examples, the last one possibly partial.</summary>
    static int ForwardTileCount<T>(int m) where T : struct, ISimd<T> => (m + DenseTiles.ForwardRows<T>() - 1) / DenseTiles.ForwardRows<T>();

    /// <summary>The first example of block <paramref name="block"/> of <paramref name="blocks"/> (<paramref name="m"/> for <paramref name="block"/> = <paramref name="blocks"/>).</summary>
    static int BlockStart<T>(int block, int blocks, int m) where T : struct, ISimd<T> =>
        Math.Min(block * ForwardTileCount<T>(m) / blocks * DenseTiles.ForwardRows<T>(), m);

    /// <summary>Scratch floats of a forward item: its slice of W and one register tile's partial sums.</summary>
    static int ForwardScratch<T>() where T : struct, ISimd<T> =>
        PassUnits<T>() * MaxSuperblockWidth<T>() + DenseTiles.ForwardRows<T>() * PassUnits<T>() * T.Count;

    /// <summary>One forward work item: a block of examples, a superblock of inputs and a range of units. Buffers: input, weights, superblock sums.</summary>
    readonly struct ForwardWork<T> : IWorkKernel where T : struct, ISimd<T>
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            int n = args.Examples, blocks = args.Block, passes = UnitPasses<T>(), superblocks = Superblocks<T>();
            int pass = item % passes, s = item / passes % superblocks, block = item / passes / superblocks;
            int first = BlockStart<T>(block, blocks, n), unitStart = pass * PassUnits<T>();
            ForwardSuperblock<T>(ref args.Buffer(0), ref args.Buffer(1), ref Unsafe.Add(ref args.Buffer(2), (nint)s * n * Out), s,
                first, BlockStart<T>(block + 1, blocks, n), unitStart, Math.Min(unitStart + PassUnits<T>(), Out), scratch);
        }
    }

    /// <summary>Scratch floats of a one-example item: a vector of partial sums per unit of a pass and superblock of its run.</summary>
    static int OneScratch<T>(int runs) where T : struct, ISimd<T> =>
        PassUnits<T>() * ((Superblocks<T>() + runs - 1) / runs) * T.Count;

    /// <summary>
    /// One example's forward work item: a run of consecutive superblocks (<see cref="KernelArgs.Block"/> runs in all, so
    /// with one run per thread each core reads the same contiguous part of every row of W on every call, which stays in
    /// its L2) and a range of units. Buffers: input, weights, superblock sums.
    /// </summary>
    readonly struct ForwardOneWork<T> : IWorkKernel where T : struct, ISimd<T>
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            int runs = args.Block, passes = UnitPasses<T>(), superblocks = Superblocks<T>();
            int pass = item % passes, run = item / passes, unitStart = pass * PassUnits<T>();
            ForwardOneRun<T>(ref args.Buffer(0), ref args.Buffer(1), ref args.Buffer(2), run * superblocks / runs, (run + 1) * superblocks / runs,
                unitStart, Math.Min(unitStart + PassUnits<T>(), Out), scratch);
        }
    }

    /// <summary>
    /// One example's sums of superblocks <paramref name="firstSuperblock"/> to <paramref name="endSuperblock"/> and units
    /// <paramref name="unitStart"/> to <paramref name="unitEnd"/>, into <paramref name="sums"/> (superblock-major): a register
    /// tile of units at a time, its rows of W read in place and straight on from one superblock to the next (long
    /// streams the prefetchers follow), each superblock's vectors of sums started from zero, then their lanes: the
    /// bits of <see cref="ForwardSuperblock{T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ForwardOneRun<T>(ref float input, ref float weights, ref float sums, int firstSuperblock, int endSuperblock, int unitStart, int unitEnd, Span<float> scratch)
        where T : struct, ISimd<T>
    {
        nint c = T.Count;
        int units = unitEnd - unitStart;
        ref float p = ref MemoryMarshal.GetReference(scratch);
        ref float w = ref Unsafe.Add(ref weights, (nint)unitStart * In);
        int j = 0;
        for (; j + 8 <= units; j += 8)
            for (int s = firstSuperblock; s < endSuperblock; s++)
            {
                var (start, end) = SuperblockInputs<T>(s);
                ForwardTiles.Rows1Units8<T>(ref Unsafe.Add(ref input, start), 0, ref Unsafe.Add(ref w, (nint)j * In + start), In,
                    ref Unsafe.Add(ref p, ((s - firstSuperblock) * units + j) * c), 0, end - start, zero: true);
            }
        for (; j + 4 <= units; j += 4)
            for (int s = firstSuperblock; s < endSuperblock; s++)
            {
                var (start, end) = SuperblockInputs<T>(s);
                ForwardTiles.Rows1Units4<T>(ref Unsafe.Add(ref input, start), 0, ref Unsafe.Add(ref w, (nint)j * In + start), In,
                    ref Unsafe.Add(ref p, ((s - firstSuperblock) * units + j) * c), 0, end - start, zero: true);
            }
        for (; j < units; j++)
            for (int s = firstSuperblock; s < endSuperblock; s++)
            {
                var (start, end) = SuperblockInputs<T>(s);
                ForwardTiles.Rows1Units1<T>(ref Unsafe.Add(ref input, start), 0, ref Unsafe.Add(ref w, (nint)j * In + start), In,
                    ref Unsafe.Add(ref p, ((s - firstSuperblock) * units + j) * c), 0, end - start, zero: true);
            }
        for (int s = firstSuperblock; s < endSuperblock; s++)
            ForwardTiles.LaneSums<T>(ref Unsafe.Add(ref p, (s - firstSuperblock) * units * c), ref Unsafe.Add(ref sums, (nint)s * Out + unitStart), units);
    }

    /// <summary>
    /// Superblock <paramref name="s"/>'s sums of examples <paramref name="first"/> to <paramref name="last"/> and units
    /// <paramref name="unitStart"/> to <paramref name="unitEnd"/>, into <paramref name="sums"/> (sample-major): the
    /// units' slice of W copied side by side (W's rows are a layer's inputs apart, so in place they would crowd a few
    /// cache sets; for at most one register tile of examples it is read in place), then register tile by register tile of examples, chunk by chunk of <see cref="DenseTiles.ForwardChunk"/>
    /// inputs (the tile's inputs stay in L1 while every unit uses them), the vector sums (<see cref="ForwardBlock{T}"/>),
    /// then their lanes. Chunking leaves each vector's sums in input order: the bits of one pass over the superblock.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ForwardSuperblock<T>(ref float input, ref float weights, ref float sums, int s, int first, int last, int unitStart, int unitEnd, Span<float> scratch)
        where T : struct, ISimd<T>
    {
        int c = T.Count, r = DenseTiles.ForwardRows<T>(), units = unitEnd - unitStart;
        var (start, end) = SuperblockInputs<T>(s);
        int width = end - start;
        Span<float> packed = scratch.Slice(0, units * width);
        Span<float> partial = scratch.Slice(packed.Length, r * units * c);
        // The copy pays only when more than one tile of examples reads it: a single example (PredictOne) reads W in place.
        ref float w = ref Unsafe.Add(ref weights, (nint)unitStart * In + start);
        int wStride = In;
        if (last - first > r)
        {
            for (int j = 0; j < units; j++)
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref w, (nint)j * In), width).CopyTo(packed.Slice(j * width, width));
            w = ref MemoryMarshal.GetReference(packed);
            wStride = width;
        }
        ref float p = ref MemoryMarshal.GetReference(partial);
        for (int i = first; i < last; i += r)
        {
            int rows = Math.Min(r, last - i);
            ref float x = ref Unsafe.Add(ref input, (nint)i * In + start);
            for (int k = 0; k < width; k += DenseTiles.ForwardChunk)
                ForwardBlock<T>(ref Unsafe.Add(ref x, k), In, ref Unsafe.Add(ref w, k), wStride, ref p, units, rows, units, Math.Min(DenseTiles.ForwardChunk, width - k), zero: k == 0);
            // The lanes of every output's vector of sums; a whole row of outputs is side by side with the next.
            if (units == Out) ForwardTiles.LaneSums<T>(ref p, ref Unsafe.Add(ref sums, (nint)i * Out), rows * Out);
            else
                for (int e = 0; e < rows; e++)
                    ForwardTiles.LaneSums<T>(ref Unsafe.Add(ref p, e * units * c), ref Unsafe.Add(ref sums, (nint)(i + e) * Out + unitStart), units);
        }
    }

    /// <summary>The outputs from the superblocks' sums in <paramref name="output"/>: plus the inputs past the last whole vector, the bias, then the activation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ForwardFinish<T>(ref float input, ref float weights, ref float biases, ref float output, int first, int rows, int unitStart, int unitEnd, bool summed)
        where T : struct, ISimd<T>
    {
        int vectorInputs = VectorInputs<T>();
        for (int i = 0; i < rows; i++)
        {
            ref float xi = ref Unsafe.Add(ref input, (nint)(first + i) * In);
            for (int j = unitStart; j < unitEnd; j++)
            {
                ref float a = ref Unsafe.Add(ref output, (nint)(first + i) * Out + j);
                float z = summed ? a : 0f;
                ref float wj = ref Unsafe.Add(ref weights, (nint)j * In);
                for (int k = vectorInputs; k < In; k++) z += Unsafe.Add(ref xi, k) * Unsafe.Add(ref wj, k);
                a = TActivation.Apply(z + Unsafe.Add(ref biases, j));
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="width"/> inputs' worth of W x to the partial sums of a block of <paramref name="rows"/>
    /// examples (their inputs <paramref name="xStride"/> floats apart) and <paramref name="units"/> units (W's rows
    /// <paramref name="wStride"/> apart, the partial sums' examples <paramref name="stride"/> units apart), one register tile at a time;
    /// with <paramref name="zero"/> (the first inputs of the sums) the tiles start from zero instead of the partial sums, which need no clearing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ForwardBlock<T>(ref float x, nint xStride, ref float w, int wStride, ref float partial, int stride, int rows, int units, int width, bool zero)
        where T : struct, ISimd<T>
    {
        nint c = T.Count, pStride = stride * c;
        int r = DenseTiles.ForwardRows<T>(), i = 0;
        for (; i + r <= rows; i += r)
        {
            ref float xi = ref Unsafe.Add(ref x, (nint)i * xStride);
            ref float pi = ref Unsafe.Add(ref partial, i * pStride);
            int j = 0;
            if (r == 6)
            {
                for (; j + 4 <= units; j += 4) ForwardTiles.Rows6Units4<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width, zero);
                for (; j < units; j++) ForwardTiles.Rows6Units1<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width, zero);
            }
            else ForwardRows3<T>(ref xi, xStride, ref w, wStride, ref pi, pStride, units, width, zero);
        }
        // Rows a 6-row tiling leaves: three of them in one tile (each row alone reads every unit's weights again; 2-2.5%
        // off the cat batch forward's 209 = 34 x 6 + 5 examples, measured A/B in one process).
        if (r == 6 && i + 3 <= rows)
        {
            ForwardRows3<T>(ref Unsafe.Add(ref x, (nint)i * xStride), xStride, ref w, wStride, ref Unsafe.Add(ref partial, i * pStride), pStride, units, width, zero);
            i += 3;
        }
        for (; i < rows; i++)
        {
            ref float xi = ref Unsafe.Add(ref x, (nint)i * xStride);
            ref float pi = ref Unsafe.Add(ref partial, i * pStride);
            int j = 0;
            for (; j + 8 <= units; j += 8) ForwardTiles.Rows1Units8<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width, zero);
            for (; j + 4 <= units; j += 4) ForwardTiles.Rows1Units4<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width, zero);
            for (; j < units; j++) ForwardTiles.Rows1Units1<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width, zero);
        }
    }

    /// <summary><see cref="ForwardBlock{T}"/>'s tiles of three examples: 4 units at a time, then the rest one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void ForwardRows3<T>(ref float xi, nint xStride, ref float w, int wStride, ref float pi, nint pStride, int units, int width, bool zero)
        where T : struct, ISimd<T>
    {
        nint c = T.Count;
        int j = 0;
        for (; j + 4 <= units; j += 4) ForwardTiles.Rows3Units4<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width, zero);
        for (; j < units; j++) ForwardTiles.Rows3Units1<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width, zero);
    }
}

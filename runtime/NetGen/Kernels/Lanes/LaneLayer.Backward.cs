using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Kernels.Dense;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Lanes;

public static partial class LaneLayer<TShape, TActivation>
{
    /// <summary>Gathered blocks of input and dZ a backward chunk holds (floats): 1 MiB.</summary>
    const int ChunkFloats = 1 << 18;

    /// <summary>Up to this many floats the gathered chunk is on the stack (16 KiB), beyond in a pooled array.</summary>
    const int MaxStackScratch = 4096;

    /// <summary>Where the backward kernel leaves its results: per-lane sums between chunks, dW and db after the last.</summary>
    readonly ref struct Gradients(ref float sums, ref float dWeights, ref float dBiases, float inverseM)
    {
        readonly ref float sums = ref sums;
        public readonly ref float DWeights = ref dWeights;
        public readonly ref float DBiases = ref dBiases;
        public readonly float InverseM = inverseM;

        /// <summary>The per-lane sums <paramref name="offset"/> floats on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref float Sum(int offset) => ref Unsafe.Add(ref sums, offset);
    }

    /// <summary>dW = dZ^T input / m and db = sum of dZ / m, for the first layer (no dA below it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> dz, Span<float> dWeights, Span<float> dBiases, int m, float inverseM,
        bool inputBlocked, bool outputBlocked) =>
        Backward<Linear>(input, dz, default, dWeights, dBiases, default, m, inverseM, inputBlocked, outputBlocked);

    /// <summary>
    /// dW = dZ^T input / m, db = sum of dZ / m, and (when <paramref name="dzPrevious"/> is not empty) the layer below's
    /// dZ = (dZ W) * g'(input) with <typeparamref name="TInputActivation"/>'s derivative at its output. Input, dZ and the
    /// dZ below are blocked (<see cref="ExampleLanes"/>) or sample-major, as the flags say (dZ below as the input).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TInputActivation>(
        ReadOnlySpan<float> input, ReadOnlySpan<float> dz, ReadOnlySpan<float> weights, Span<float> dWeights, Span<float> dBiases,
        Span<float> dzPrevious, int m, float inverseM, bool inputBlocked, bool outputBlocked)
        where TInputActivation : struct, IDenseActivation
    {
        if (!Empty(dWeights, dBiases, m))
        {
            var args = BackwardArgs(input, dz, weights, dWeights, dBiases, dzPrevious, m, inverseM, inputBlocked, outputBlocked);
            SimdDispatch.Run<BackwardKernel<TInputActivation>, LaneArgs>(ref args);
        }
    }

    /// <summary><see cref="Backward{TInputActivation}"/> at the width <typeparamref name="TSimd"/> (tests run every width on any machine).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Backward<TSimd, TInputActivation>(
        ReadOnlySpan<float> input, ReadOnlySpan<float> dz, ReadOnlySpan<float> weights, Span<float> dWeights, Span<float> dBiases,
        Span<float> dzPrevious, int m, float inverseM, bool inputBlocked, bool outputBlocked)
        where TSimd : struct, ISimd<TSimd>
        where TInputActivation : struct, IDenseActivation
    {
        if (!Empty(dWeights, dBiases, m))
        {
            var args = BackwardArgs(input, dz, weights, dWeights, dBiases, dzPrevious, m, inverseM, inputBlocked, outputBlocked);
            BackwardKernel<TInputActivation>.Run<TSimd>(ref args);
        }
    }

    /// <summary>With no examples the gradients are 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool Empty(Span<float> dWeights, Span<float> dBiases, int m)
    {
        Require(dWeights.Length, (long)In * Out, nameof(dWeights));
        Require(dBiases.Length, Out, nameof(dBiases));
        if (m > 0) return false;
        dWeights[..(In * Out)].Clear();
        dBiases[..Out].Clear();
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static LaneArgs BackwardArgs(
        ReadOnlySpan<float> input, ReadOnlySpan<float> dz, ReadOnlySpan<float> weights, Span<float> dWeights, Span<float> dBiases,
        Span<float> dzPrevious, int m, float inverseM, bool inputBlocked, bool outputBlocked)
    {
        Require(input.Length, inputBlocked ? ExampleLanes.Length(m, In) : (long)m * In, nameof(input));
        Require(dz.Length, outputBlocked ? ExampleLanes.Length(m, Out) : (long)m * Out, nameof(dz));
        if (!dzPrevious.IsEmpty)
        {
            Require(weights.Length, (long)In * Out, nameof(weights));
            Require(dzPrevious.Length, inputBlocked ? ExampleLanes.Length(m, In) : (long)m * In, nameof(dzPrevious));
        }
        return new LaneArgs
        {
            Input = input, Dz = dz, Weights = weights, DWeights = dWeights, DBiases = dBiases, DzPrevious = dzPrevious,
            Examples = m, InverseM = inverseM, InputBlocked = inputBlocked, OutputBlocked = outputBlocked,
        };
    }

    readonly partial struct BackwardKernel<TInputActivation> : ISimdKernel<LaneArgs> where TInputActivation : struct, IDenseActivation
    {
        // The scratch is not cleared: Gather clears the lanes past m, and Below writes each scattered block whole.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        [SkipLocalsInit]
        public static void Run<TSimd>(scoped ref LaneArgs args) where TSimd : struct, ISimd<TSimd>
        {
            int m = args.Examples, blocks = ExampleLanes.Blocks(m);
            bool inPlace = args.InputBlocked && args.OutputBlocked, belowWanted = !args.DzPrevious.IsEmpty;

            // Examples in chunks of blocks: all at once when both buffers are blocked already, else as many as a pooled
            // scratch of ChunkFloats holds, gathered. The per-lane gradient sums stay in registers over a chunk; only
            // between chunks do they wait in memory (db of unit j at vector j, dW[j, k] at vector Out + j * In + k).
            int chunk = inPlace ? blocks : Math.Min(blocks, Math.Max(1, ChunkFloats / (Block * (In + Out))));
            int scratchFloats = inPlace ? 0 : chunk * Block * (In + Out) + Block * In;
            float[]? rented = scratchFloats > MaxStackScratch ? KernelScratch.Rent(scratchFloats) : null;
            Span<float> scratch = rented is not null ? rented : stackalloc float[scratchFloats];
            float[]? sums = chunk < blocks ? KernelScratch.Rent((Out + In * Out) * TSimd.Count) : null;
            ref float sum = ref sums is null ? ref Unsafe.NullRef<float>() : ref MemoryMarshal.GetArrayDataReference(sums);
            var gradients = new Gradients(ref sum,
                ref MemoryMarshal.GetReference(args.DWeights), ref MemoryMarshal.GetReference(args.DBiases), args.InverseM);
            for (int first = 0; first < blocks; first += chunk)
            {
                int count = Math.Min(chunk, blocks - first);
                ref float a = ref Chunk(args.Input, args.InputBlocked, scratch, 0, In, first, count, m);
                ref float d = ref Chunk(args.Dz, args.OutputBlocked, scratch, chunk * Block * In, Out, first, count, m);
                if (Grouped<TSimd>()) AllGroups<TSimd>(ref a, ref d, gradients, count, first > 0, first + count < blocks);
                else AddGradients<TSimd>(ref a, ref d, gradients, count, first > 0, first + count < blocks);
                if (belowWanted && Tiny && args.InputBlocked) TinyBelow<TSimd, TInputActivation>(ref args, ref a, ref d, first, count);
                else if (belowWanted) Below<TSimd>(ref args, ref a, ref d, scratch, chunk * Block * (In + Out), first, count);
            }
            if (rented is not null) KernelScratch.Return(rented);
            if (sums is not null) KernelScratch.Return(sums);
        }

        /// <summary>Blocks first .. first + count of a buffer of <paramref name="width"/> features: in place, or gathered at <paramref name="offset"/> of the scratch.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static ref float Chunk(ReadOnlySpan<float> source, bool blocked, Span<float> scratch, int offset, int width, int first, int count, int m)
        {
            if (blocked) return ref Unsafe.Add(ref MemoryMarshal.GetReference(source), first * Block * width);
            for (int block = 0; block < count; block++)
                ExampleLanes.Gather(source, width, first + block, m, scratch.Slice(offset + block * Block * width, Block * width));
            return ref Unsafe.Add(ref MemoryMarshal.GetReference(scratch), offset);
        }

        /// <summary>The chunk's examples added into the per-lane sums of db and dW, a tile of units x inputs at a time.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        static void AddGradients<TSimd>(ref float a, ref float d, Gradients g, int count, bool resume, bool more) where TSimd : struct, ISimd<TSimd>
        {
            int j = 0;
            for (; j + 4 <= Out; j += 4) BiasTile<TSimd, Tile4>(ref d, g, count, j, resume, more);
            if ((Out & 2) != 0) { BiasTile<TSimd, Tile2>(ref d, g, count, j, resume, more); j += 2; }
            if ((Out & 1) != 0) BiasTile<TSimd, Tile1>(ref d, g, count, j, resume, more);
            int j0 = 0;
            for (; j0 + 4 <= Out; j0 += 4) WeightRows<TSimd, Tile4>(ref a, ref d, g, count, j0, resume, more);
            if ((Out & 2) != 0) { WeightRows<TSimd, Tile2>(ref a, ref d, g, count, j0, resume, more); j0 += 2; }
            if ((Out & 1) != 0) WeightRows<TSimd, Tile1>(ref a, ref d, g, count, j0, resume, more);
        }

        /// <summary>
        /// db of units j0 .. j0 + rows: each unit's per-lane sums add the chunk's examples in order (the units' chains of
        /// adds side by side); after the last chunk, the lanes are added.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
        static void BiasTile<TSimd, TRows>(ref float d, Gradients g, int count, int j0, bool resume, bool more)
            where TSimd : struct, ISimd<TSimd>
            where TRows : struct, ILaneTile
        {
            int rows = TRows.Rows, c = TSimd.Count;
            ref float t = ref g.Sum(j0 * c);
            int present = resume ? rows : 0;
            TSimd b0 = Get<TSimd>(ref t, 0, present), b1 = Get<TSimd>(ref t, 1, present), b2 = Get<TSimd>(ref t, 2, present), b3 = Get<TSimd>(ref t, 3, present);
            for (int block = 0; block < count; block++)
            {
                ref float db = ref Unsafe.Add(ref d, block * Block * Out + j0 * Block);
                for (int s = 0; s < Block; s += c)
                {
                    b0 = TSimd.Add(b0, TSimd.Load(ref Unsafe.Add(ref db, s)));
                    if (rows > 1) b1 = TSimd.Add(b1, TSimd.Load(ref Unsafe.Add(ref db, Block + s)));
                    if (rows > 2) b2 = TSimd.Add(b2, TSimd.Load(ref Unsafe.Add(ref db, 2 * Block + s)));
                    if (rows > 3) b3 = TSimd.Add(b3, TSimd.Load(ref Unsafe.Add(ref db, 3 * Block + s)));
                }
            }
            if (more)
            {
                Put(b0, ref t, 0, rows); Put(b1, ref t, 1, rows); Put(b2, ref t, 2, rows); Put(b3, ref t, 3, rows);
                return;
            }
            ref float bias = ref Unsafe.Add(ref g.DBiases, j0);
            if (c > 1)
            {
                TSimd o = TSimd.Zero, sums = LaneSums(b0, b1, b2, b3, o, o, o, o, o, o, o, o, o, o, o, o);
                Span<float> lanes = stackalloc float[Block];
                TSimd.Store(TSimd.Multiply(sums, TSimd.Broadcast(g.InverseM)), ref MemoryMarshal.GetReference(lanes));
                for (int row = 0; row < rows; row++) Unsafe.Add(ref bias, row) = lanes[row];
                return;
            }
            Finish(b0, ref bias, 0, rows, g.InverseM); Finish(b1, ref bias, 1, rows, g.InverseM);
            Finish(b2, ref bias, 2, rows, g.InverseM); Finish(b3, ref bias, 3, rows, g.InverseM);
        }

        /// <summary>dW rows j0 .. j0 + rows, a tile of inputs at a time (four, or two where 16 registers must hold the tile).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void WeightRows<TSimd, TRows>(ref float a, ref float d, Gradients g, int count, int j0, bool resume, bool more)
            where TSimd : struct, ISimd<TSimd>
            where TRows : struct, ILaneTile
        {
            int k = 0;
            if (TSimd.Registers >= 32)
                for (; k + 4 <= In; k += 4) WeightTile<TSimd, TRows, Tile4>(ref a, ref d, g, count, j0, k, resume, more);
            for (; k + 2 <= In; k += 2) WeightTile<TSimd, TRows, Tile2>(ref a, ref d, g, count, j0, k, resume, more);
            if (k < In) WeightTile<TSimd, TRows, Tile1>(ref a, ref d, g, count, j0, k, resume, more);
        }

        /// <summary>
        /// dW[j0 .. j0 + rows, k0 .. k0 + columns]: the per-lane sums in registers while the chunk's examples stream by,
        /// each added in example order with a fused multiply-add; after the last chunk, the lanes are added.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
        static void WeightTile<TSimd, TRows, TColumns>(ref float a, ref float d, Gradients g, int count, int j0, int k0, bool resume, bool more)
            where TSimd : struct, ISimd<TSimd>
            where TRows : struct, ILaneTile
            where TColumns : struct, ILaneTile
        {
            int rows = TRows.Rows, columns = TColumns.Rows, c = TSimd.Count;
            ref float t0 = ref g.Sum((Out + j0 * In + k0) * c);
            ref float t1 = ref Unsafe.Add(ref t0, In * c);
            ref float t2 = ref Unsafe.Add(ref t0, 2 * In * c);
            ref float t3 = ref Unsafe.Add(ref t0, 3 * In * c);
            int r1 = rows > 1 ? columns : 0, r2 = rows > 2 ? columns : 0, r3 = rows > 3 ? columns : 0, r0 = resume ? columns : 0;
            if (!resume) r1 = r2 = r3 = 0;
            TSimd w00 = Get<TSimd>(ref t0, 0, r0), w01 = Get<TSimd>(ref t0, 1, r0), w02 = Get<TSimd>(ref t0, 2, r0), w03 = Get<TSimd>(ref t0, 3, r0);
            TSimd w10 = Get<TSimd>(ref t1, 0, r1), w11 = Get<TSimd>(ref t1, 1, r1), w12 = Get<TSimd>(ref t1, 2, r1), w13 = Get<TSimd>(ref t1, 3, r1);
            TSimd w20 = Get<TSimd>(ref t2, 0, r2), w21 = Get<TSimd>(ref t2, 1, r2), w22 = Get<TSimd>(ref t2, 2, r2), w23 = Get<TSimd>(ref t2, 3, r2);
            TSimd w30 = Get<TSimd>(ref t3, 0, r3), w31 = Get<TSimd>(ref t3, 1, r3), w32 = Get<TSimd>(ref t3, 2, r3), w33 = Get<TSimd>(ref t3, 3, r3);
            for (int block = 0; block < count; block++)
            {
                ref float ab = ref Unsafe.Add(ref a, block * Block * In + k0 * Block);
                ref float db = ref Unsafe.Add(ref d, block * Block * Out + j0 * Block);
                for (int s = 0; s < Block; s += c)
                {
                    TSimd a0 = TSimd.Load(ref Unsafe.Add(ref ab, s));
                    TSimd a1 = columns > 1 ? TSimd.Load(ref Unsafe.Add(ref ab, Block + s)) : default;
                    TSimd a2 = columns > 2 ? TSimd.Load(ref Unsafe.Add(ref ab, 2 * Block + s)) : default;
                    TSimd a3 = columns > 3 ? TSimd.Load(ref Unsafe.Add(ref ab, 3 * Block + s)) : default;
                    TSimd d0 = TSimd.Load(ref Unsafe.Add(ref db, s));
                    w00 = TSimd.MultiplyAdd(d0, a0, w00);
                    if (columns > 1) w01 = TSimd.MultiplyAdd(d0, a1, w01);
                    if (columns > 2) w02 = TSimd.MultiplyAdd(d0, a2, w02);
                    if (columns > 3) w03 = TSimd.MultiplyAdd(d0, a3, w03);
                    if (rows > 1)
                    {
                        TSimd d1 = TSimd.Load(ref Unsafe.Add(ref db, Block + s));
                        w10 = TSimd.MultiplyAdd(d1, a0, w10);
                        if (columns > 1) w11 = TSimd.MultiplyAdd(d1, a1, w11);
                        if (columns > 2) w12 = TSimd.MultiplyAdd(d1, a2, w12);
                        if (columns > 3) w13 = TSimd.MultiplyAdd(d1, a3, w13);
                    }
                    if (rows > 2)
                    {
                        TSimd d2 = TSimd.Load(ref Unsafe.Add(ref db, 2 * Block + s));
                        w20 = TSimd.MultiplyAdd(d2, a0, w20);
                        if (columns > 1) w21 = TSimd.MultiplyAdd(d2, a1, w21);
                        if (columns > 2) w22 = TSimd.MultiplyAdd(d2, a2, w22);
                        if (columns > 3) w23 = TSimd.MultiplyAdd(d2, a3, w23);
                    }
                    if (rows > 3)
                    {
                        TSimd d3 = TSimd.Load(ref Unsafe.Add(ref db, 3 * Block + s));
                        w30 = TSimd.MultiplyAdd(d3, a0, w30);
                        if (columns > 1) w31 = TSimd.MultiplyAdd(d3, a1, w31);
                        if (columns > 2) w32 = TSimd.MultiplyAdd(d3, a2, w32);
                        if (columns > 3) w33 = TSimd.MultiplyAdd(d3, a3, w33);
                    }
                }
            }
            if (more)
            {
                Put(w00, ref t0, 0, columns); Put(w01, ref t0, 1, columns); Put(w02, ref t0, 2, columns); Put(w03, ref t0, 3, columns);
                if (rows > 1) { Put(w10, ref t1, 0, columns); Put(w11, ref t1, 1, columns); Put(w12, ref t1, 2, columns); Put(w13, ref t1, 3, columns); }
                if (rows > 2) { Put(w20, ref t2, 0, columns); Put(w21, ref t2, 1, columns); Put(w22, ref t2, 2, columns); Put(w23, ref t2, 3, columns); }
                if (rows > 3) { Put(w30, ref t3, 0, columns); Put(w31, ref t3, 1, columns); Put(w32, ref t3, 2, columns); Put(w33, ref t3, 3, columns); }
                return;
            }
            ref float dw = ref Unsafe.Add(ref g.DWeights, j0 * In + k0);
            float inverseM = g.InverseM;
            if (TSimd.Count > 1)
            {
                // The tile's lane sums together, weight (r, c) in lane r * columns + c (a 4 x 4 tile fills 16 lanes, the
                // 4 x 2 tiles of 16 registers 8), with Sum's bits; then each times 1 / m, as one Sum would be.
                TSimd o = TSimd.Zero, sums = columns > 2
                    ? LaneSums(w00, w01, w02, w03, w10, w11, w12, w13, w20, w21, w22, w23, w30, w31, w32, w33)
                    : columns > 1 ? LaneSums(w00, w01, w10, w11, w20, w21, w30, w31, o, o, o, o, o, o, o, o)
                    : LaneSums(w00, w10, w20, w30, o, o, o, o, o, o, o, o, o, o, o, o);
                Span<float> lanes = stackalloc float[Block];
                TSimd.Store(TSimd.Multiply(sums, TSimd.Broadcast(inverseM)), ref MemoryMarshal.GetReference(lanes));
                ref byte from = ref Unsafe.As<float, byte>(ref MemoryMarshal.GetReference(lanes));
                for (int row = 0; row < rows; row++)
                    Unsafe.CopyBlockUnaligned(
                        ref Unsafe.As<float, byte>(ref Unsafe.Add(ref dw, row * In)), ref Unsafe.Add(ref from, row * columns * sizeof(float)),
                        (uint)(columns * sizeof(float)));
                return;
            }
            Finish(w00, ref dw, 0, columns, inverseM); Finish(w01, ref dw, 1, columns, inverseM); Finish(w02, ref dw, 2, columns, inverseM); Finish(w03, ref dw, 3, columns, inverseM);
            if (rows > 1) { ref float r = ref Unsafe.Add(ref dw, In); Finish(w10, ref r, 0, columns, inverseM); Finish(w11, ref r, 1, columns, inverseM); Finish(w12, ref r, 2, columns, inverseM); Finish(w13, ref r, 3, columns, inverseM); }
            if (rows > 2) { ref float r = ref Unsafe.Add(ref dw, 2 * In); Finish(w20, ref r, 0, columns, inverseM); Finish(w21, ref r, 1, columns, inverseM); Finish(w22, ref r, 2, columns, inverseM); Finish(w23, ref r, 3, columns, inverseM); }
            if (rows > 3) { ref float r = ref Unsafe.Add(ref dw, 3 * In); Finish(w30, ref r, 0, columns, inverseM); Finish(w31, ref r, 1, columns, inverseM); Finish(w32, ref r, 2, columns, inverseM); Finish(w33, ref r, 3, columns, inverseM); }
        }

        /// <summary>
        /// Lane i of the result holds <c>Sum(vi)</c> for i below <see cref="ISimd{TSelf}.Count"/> (16 or 8 lanes): pairs of
        /// lanes added, then pairs of pairs, as Sum adds them.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TSimd LaneSums<TSimd>(
            TSimd v0, TSimd v1, TSimd v2, TSimd v3, TSimd v4, TSimd v5, TSimd v6, TSimd v7,
            TSimd v8, TSimd v9, TSimd v10, TSimd v11, TSimd v12, TSimd v13, TSimd v14, TSimd v15) where TSimd : struct, ISimd<TSimd>
        {
            TSimd p0 = TSimd.PairSums(v0, v1), p1 = TSimd.PairSums(v2, v3), p2 = TSimd.PairSums(v4, v5), p3 = TSimd.PairSums(v6, v7);
            TSimd q0 = TSimd.PairSums(p0, p1), q1 = TSimd.PairSums(p2, p3);
            TSimd r0 = TSimd.PairSums(q0, q1);
            if (TSimd.Count == 8) return r0;
            TSimd p4 = TSimd.PairSums(v8, v9), p5 = TSimd.PairSums(v10, v11), p6 = TSimd.PairSums(v12, v13), p7 = TSimd.PairSums(v14, v15);
            TSimd r1 = TSimd.PairSums(TSimd.PairSums(p4, p5), TSimd.PairSums(p6, p7));
            return TSimd.PairSums(r0, r1);
        }

        /// <summary>dW of one weight: its lanes added, times 1 / m.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Finish<TSimd>(TSimd sum, ref float row, int column, int columns, float inverseM) where TSimd : struct, ISimd<TSimd>
        {
            if (column < columns) Unsafe.Add(ref row, column) = TSimd.Sum(sum) * inverseM;
        }

        /// <summary>The sum vector <paramref name="column"/> of a tile row, when the tile has that column.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static TSimd Get<TSimd>(ref float row, int column, int columns) where TSimd : struct, ISimd<TSimd> =>
            column < columns ? TSimd.Load(ref Unsafe.Add(ref row, column * TSimd.Count)) : TSimd.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Put<TSimd>(TSimd value, ref float row, int column, int columns) where TSimd : struct, ISimd<TSimd>
        {
            if (column < columns) TSimd.Store(value, ref Unsafe.Add(ref row, column * TSimd.Count));
        }

        /// <summary>The layer below's dZ for the chunk's blocks: in place, or scattered from the scratch's last block.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        static void Below<TSimd>(scoped ref LaneArgs args, ref float a, ref float d, scoped Span<float> scratch, int offset, int first, int count)
            where TSimd : struct, ISimd<TSimd>
        {
            ref float w = ref MemoryMarshal.GetReference(args.Weights);
            Span<float> scattered = args.InputBlocked ? default : scratch.Slice(offset, Block * In);
            for (int block = 0; block < count; block++)
            {
                ref float g = ref args.InputBlocked
                    ? ref Unsafe.Add(ref MemoryMarshal.GetReference(args.DzPrevious), (first + block) * Block * In)
                    : ref MemoryMarshal.GetReference(scattered);
                ref float ab = ref Unsafe.Add(ref a, block * Block * In);
                ref float db = ref Unsafe.Add(ref d, block * Block * Out);
                for (int s = 0; s < Block; s += TSimd.Count)
                {
                    int k = 0;
                    for (; k + 8 <= In; k += 8) BelowTile<TSimd, Tile8>(ref Unsafe.Add(ref ab, s), ref Unsafe.Add(ref db, s), ref w, ref Unsafe.Add(ref g, s), k);
                    if ((In & 4) != 0) { BelowTile<TSimd, Tile4>(ref Unsafe.Add(ref ab, s), ref Unsafe.Add(ref db, s), ref w, ref Unsafe.Add(ref g, s), k); k += 4; }
                    if ((In & 2) != 0) { BelowTile<TSimd, Tile2>(ref Unsafe.Add(ref ab, s), ref Unsafe.Add(ref db, s), ref w, ref Unsafe.Add(ref g, s), k); k += 2; }
                    if ((In & 1) != 0) BelowTile<TSimd, Tile1>(ref Unsafe.Add(ref ab, s), ref Unsafe.Add(ref db, s), ref w, ref Unsafe.Add(ref g, s), k);
                }
                if (!args.InputBlocked) ExampleLanes.Scatter(scattered, In, first + block, args.Examples, args.DzPrevious);
            }
        }

        /// <summary><see cref="BelowVector"/> as a method of its own, optimised from its first call.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        static void BelowTile<TSimd, TTile>(ref float a, ref float d, ref float w, ref float g, int k0)
            where TSimd : struct, ISimd<TSimd>
            where TTile : struct, ILaneTile =>
            BelowVector<TSimd, TTile>(ref a, ref d, ref w, ref g, k0);

        /// <summary>dZ below of inputs k0 .. k0 + rows for one vector of examples: d0 w0k, then fused adds over the units in order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void BelowVector<TSimd, TTile>(ref float a, ref float d, ref float w, ref float g, int k0)
            where TSimd : struct, ISimd<TSimd>
            where TTile : struct, ILaneTile
        {
            int rows = TTile.Rows;
            ref float wk = ref Unsafe.Add(ref w, k0);
            TSimd d0 = TSimd.Load(ref d);
            TSimd s0 = TSimd.Multiply(d0, TSimd.Broadcast(wk));
            TSimd s1 = rows > 1 ? TSimd.Multiply(d0, TSimd.Broadcast(Unsafe.Add(ref wk, 1))) : default;
            TSimd s2 = rows > 2 ? TSimd.Multiply(d0, TSimd.Broadcast(Unsafe.Add(ref wk, 2))) : default;
            TSimd s3 = rows > 3 ? TSimd.Multiply(d0, TSimd.Broadcast(Unsafe.Add(ref wk, 3))) : default;
            TSimd s4 = rows > 4 ? TSimd.Multiply(d0, TSimd.Broadcast(Unsafe.Add(ref wk, 4))) : default;
            TSimd s5 = rows > 5 ? TSimd.Multiply(d0, TSimd.Broadcast(Unsafe.Add(ref wk, 5))) : default;
            TSimd s6 = rows > 6 ? TSimd.Multiply(d0, TSimd.Broadcast(Unsafe.Add(ref wk, 6))) : default;
            TSimd s7 = rows > 7 ? TSimd.Multiply(d0, TSimd.Broadcast(Unsafe.Add(ref wk, 7))) : default;
            for (int j = 1; j < Out; j++)
            {
                TSimd dj = TSimd.Load(ref Unsafe.Add(ref d, j * Block));
                ref float wj = ref Unsafe.Add(ref wk, j * In);
                s0 = TSimd.MultiplyAdd(dj, TSimd.Broadcast(wj), s0);
                if (rows > 1) s1 = TSimd.MultiplyAdd(dj, TSimd.Broadcast(Unsafe.Add(ref wj, 1)), s1);
                if (rows > 2) s2 = TSimd.MultiplyAdd(dj, TSimd.Broadcast(Unsafe.Add(ref wj, 2)), s2);
                if (rows > 3) s3 = TSimd.MultiplyAdd(dj, TSimd.Broadcast(Unsafe.Add(ref wj, 3)), s3);
                if (rows > 4) s4 = TSimd.MultiplyAdd(dj, TSimd.Broadcast(Unsafe.Add(ref wj, 4)), s4);
                if (rows > 5) s5 = TSimd.MultiplyAdd(dj, TSimd.Broadcast(Unsafe.Add(ref wj, 5)), s5);
                if (rows > 6) s6 = TSimd.MultiplyAdd(dj, TSimd.Broadcast(Unsafe.Add(ref wj, 6)), s6);
                if (rows > 7) s7 = TSimd.MultiplyAdd(dj, TSimd.Broadcast(Unsafe.Add(ref wj, 7)), s7);
            }
            ref float ak = ref Unsafe.Add(ref a, k0 * Block);
            ref float gk = ref Unsafe.Add(ref g, k0 * Block);
            TSimd.Store(TInputActivation.Backward(s0, TSimd.Load(ref ak)), ref gk);
            if (rows > 1) TSimd.Store(TInputActivation.Backward(s1, TSimd.Load(ref Unsafe.Add(ref ak, Block))), ref Unsafe.Add(ref gk, Block));
            if (rows > 2) TSimd.Store(TInputActivation.Backward(s2, TSimd.Load(ref Unsafe.Add(ref ak, 2 * Block))), ref Unsafe.Add(ref gk, 2 * Block));
            if (rows > 3) TSimd.Store(TInputActivation.Backward(s3, TSimd.Load(ref Unsafe.Add(ref ak, 3 * Block))), ref Unsafe.Add(ref gk, 3 * Block));
            if (rows > 4) TSimd.Store(TInputActivation.Backward(s4, TSimd.Load(ref Unsafe.Add(ref ak, 4 * Block))), ref Unsafe.Add(ref gk, 4 * Block));
            if (rows > 5) TSimd.Store(TInputActivation.Backward(s5, TSimd.Load(ref Unsafe.Add(ref ak, 5 * Block))), ref Unsafe.Add(ref gk, 5 * Block));
            if (rows > 6) TSimd.Store(TInputActivation.Backward(s6, TSimd.Load(ref Unsafe.Add(ref ak, 6 * Block))), ref Unsafe.Add(ref gk, 6 * Block));
            if (rows > 7) TSimd.Store(TInputActivation.Backward(s7, TSimd.Load(ref Unsafe.Add(ref ak, 7 * Block))), ref Unsafe.Add(ref gk, 7 * Block));
        }
    }
}

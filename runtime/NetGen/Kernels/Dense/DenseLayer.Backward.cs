using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Dense;

public static partial class DenseLayer<TShape, TActivation>
{
    /// <summary>
    /// <c>dWeights = dz^T input * inverseM</c>, <c>dBiases = sum_i dz[i] * inverseM</c> for the first <paramref name="m"/>
    /// examples: the first layer's backward pass (nothing needs dA0). dW is split over the threads by ranges of inputs,
    /// every element summed over the examples in order by one work item; each tile of units skips the examples whose dZ
    /// is 0 for all of them (behind a ReLU, many), which leaves the sums as they were.
    /// </summary>
    /// <param name="input">The layer's inputs, (m, Inputs) sample-major.</param>
    /// <param name="dz">dCost/dZ of the layer, (m, Outputs) sample-major.</param>
    /// <param name="dWeights">Receives dW, (Outputs, Inputs) row-major.</param>
    /// <param name="dBiases">Receives db, Outputs floats.</param>
    /// <param name="m">The examples.</param>
    /// <param name="inverseM">The factor of the sums: 1 / m for the course's gradients.</param>
    /// <param name="tiles">From <see cref="CreateTiles"/>, for at least <paramref name="m"/> examples; rebuilt here from <paramref name="dz"/>.</param>
    /// <exception cref="ArgumentException">A span is shorter than the layer and <paramref name="m"/> need.</exception>
    public static void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> dz, Span<float> dWeights, Span<float> dBiases, int m, float inverseM, ActiveExampleTiles tiles) =>
        Backward<Linear>(input, dz, default, dWeights, dBiases, default, m, inverseM, tiles);

    /// <summary>
    /// The same, and the layer below's <c>dzPrevious[i, k] = (sum_j dz[i, j] weights[j, k]) * TBelow'(input[i, k])</c>
    /// (j in order), split over the threads by blocks of examples.
    /// </summary>
    /// <typeparam name="TBelow">The activation of the layer below, whose outputs <paramref name="input"/> are.</typeparam>
    /// <param name="input">The layer's inputs (the layer below's activations), (m, Inputs) sample-major.</param>
    /// <param name="dz">dCost/dZ of the layer, (m, Outputs) sample-major.</param>
    /// <param name="weights">The layer's weights, (Outputs, Inputs) row-major.</param>
    /// <param name="dWeights">Receives dW, (Outputs, Inputs) row-major.</param>
    /// <param name="dBiases">Receives db, Outputs floats.</param>
    /// <param name="dzPrevious">Receives dCost/dZ of the layer below, (m, Inputs) sample-major; empty for none.</param>
    /// <param name="m">The examples.</param>
    /// <param name="inverseM">The factor of the sums: 1 / m for the course's gradients.</param>
    /// <param name="tiles">From <see cref="CreateTiles"/>, for at least <paramref name="m"/> examples; rebuilt here from <paramref name="dz"/>.</param>
    /// <exception cref="ArgumentException">A span is shorter than the layer and <paramref name="m"/> need.</exception>
    public static void Backward<TBelow>(ReadOnlySpan<float> input, ReadOnlySpan<float> dz, ReadOnlySpan<float> weights, Span<float> dWeights, Span<float> dBiases,
        Span<float> dzPrevious, int m, float inverseM, ActiveExampleTiles tiles)
        where TBelow : struct, IDenseActivation
    {
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        Require(input.Length, (long)m * In, nameof(input));
        Require(dz.Length, (long)m * Out, nameof(dz));
        Require(dWeights.Length, (long)In * Out, nameof(dWeights));
        Require(dBiases.Length, Out, nameof(dBiases));
        var below = !dzPrevious.IsEmpty;
        if (below)
        {
            Require(weights.Length, (long)In * Out, nameof(weights));
            Require(dzPrevious.Length, (long)m * In, nameof(dzPrevious));
        }
        var args = new BackwardArgs { Input = input, Dz = dz, Weights = weights, DWeights = dWeights, DBiases = dBiases, DzPrevious = dzPrevious, M = m, InverseM = inverseM, Tiles = tiles };
        SimdDispatch.Run<BackwardKernel<TBelow>, BackwardArgs>(ref args);
    }

    /// <summary><see cref="Backward{TBelow}"/> at width <typeparamref name="T"/> (tests call every width); an empty <paramref name="dzPrevious"/> for none.</summary>
    internal static void Backward<T, TBelow>(ReadOnlySpan<float> input, ReadOnlySpan<float> dz, ReadOnlySpan<float> weights, Span<float> dWeights, Span<float> dBiases,
        Span<float> dzPrevious, int m, float inverseM, ActiveExampleTiles tiles)
        where T : struct, ISimd<T> where TBelow : struct, IDenseActivation
    {
        var args = new BackwardArgs { Input = input, Dz = dz, Weights = weights, DWeights = dWeights, DBiases = dBiases, DzPrevious = dzPrevious, M = m, InverseM = inverseM, Tiles = tiles };
        BackwardKernel<TBelow>.Run<T>(ref args);
    }

    ref struct BackwardArgs
    {
        public ReadOnlySpan<float> Input, Dz, Weights;
        public Span<float> DWeights, DBiases, DzPrevious;
        public int M;
        public float InverseM;
        public ActiveExampleTiles Tiles;
    }

    readonly struct BackwardKernel<TBelow> : ISimdKernel<BackwardArgs> where TBelow : struct, IDenseActivation
    {
        public static void Run<T>(scoped ref BackwardArgs a) where T : struct, ISimd<T>
        {
            bool parallel = a.M >= MinParallelExamples;
            WeightGradients<T>(a.Input, a.Dz, a.DWeights, a.DBiases, a.M, a.InverseM, a.Tiles, parallel);
            if (!a.DzPrevious.IsEmpty)
                WorkSplitter.Run<InputsWork<T, TBelow>>((a.M + DenseTiles.InputRowsPerItem - 1) / DenseTiles.InputRowsPerItem, parallel, 0, a.M, 0f, a.Input, a.Dz, a.Weights, a.DzPrevious);
        }
    }

    /// <summary>dW and db: work items of <see cref="DenseTiles.ColumnsPerItem"/> inputs for every unit, then the inputs past the last whole vector and db.</summary>
    static void WeightGradients<T>(ReadOnlySpan<float> input, ReadOnlySpan<float> dz, Span<float> dWeights, Span<float> dBiases, int m, float inverseM, ActiveExampleTiles tiles, bool parallel)
        where T : struct, ISimd<T>
    {
        tiles.Build(dz, m);
        int items = (VectorInputs<T>() + DenseTiles.ColumnsPerItem - 1) / DenseTiles.ColumnsPerItem;
        WorkSplitter.Run<WeightsWork<T>>(items, parallel, BackwardScratch(tiles), m, inverseM, input, dWeights, state: tiles);
        WeightGradientsRest<T>(input, dz, dWeights, dBiases, m, inverseM);
    }

    /// <summary>Scratch floats of a weight-gradient item: the packed inputs, then where each tile's examples start and how many there are.</summary>
    static int BackwardScratch(ActiveExampleTiles tiles) => DenseTiles.ColumnsPerItem * DenseTiles.PackedExamples + 2 * tiles.TileCount;

    /// <summary>db, and dW of the inputs past the last whole vector, summed over the examples in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WeightGradientsRest<T>(ReadOnlySpan<float> input, ReadOnlySpan<float> dz, Span<float> dWeights, Span<float> dBiases, int m, float inverseM)
        where T : struct, ISimd<T>
    {
        int vectorInputs = VectorInputs<T>();
        ref float d = ref MemoryMarshal.GetReference(dz);
        ref float a = ref MemoryMarshal.GetReference(input);
        ref float g = ref MemoryMarshal.GetReference(dWeights);
        // db: every unit's sum at once, a row of dZ at a time, so the units' chains of additions overlap (one unit after
        // another, each waited on its 209 additions in turn: 2 us of the cat layer's training pass); each unit's sum
        // still runs over the examples in order.
        Span<float> db = dBiases.Slice(0, Out);
        db.Clear();
        for (int i = 0; i < m; i++) VectorMath.Add(db, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref d, i * Out), Out));
        VectorMath.Scale(db, inverseM);
        if (vectorInputs == In) return;
        for (int j = 0; j < Out; j++)
        {
            for (int k = vectorInputs; k < In; k++)
            {
                float column = 0;
                for (int i = 0; i < m; i++) column += Unsafe.Add(ref d, i * Out + j) * Unsafe.Add(ref a, (nint)i * In + k);
                Unsafe.Add(ref g, (nint)j * In + k) = column * inverseM;
            }
        }
    }

    /// <summary>One weight-gradient work item: <see cref="DenseTiles.ColumnsPerItem"/> columns (inputs) of dW, every unit. Buffers: input, dW; state: the active example tiles.</summary>
    readonly struct WeightsWork<T> : IWorkKernel where T : struct, ISimd<T>
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch) =>
            WeightColumns<T>(ref args.Buffer(0), ref args.Buffer(1), (ActiveExampleTiles)args.State!, item * DenseTiles.ColumnsPerItem, args.Examples, args.Scale, scratch);
    }

    /// <summary>
    /// dW[:, k0..k0 + 192] = dZ^T A * inverseM: up to <see cref="DenseTiles.PackedExamples"/> examples at a time have their
    /// 192 inputs copied side by side (<see cref="DenseTiles.ColumnsPerItem"/> floats apart: X's own rows may all fall in
    /// the same L1 sets), then <see cref="WeightBlock{T}"/> sums over them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WeightColumns<T>(ref float input, ref float dWeights, ActiveExampleTiles tiles, int k0, int m, float inverseM, Span<float> scratch)
        where T : struct, ISimd<T>
    {
        const int Examples = DenseTiles.PackedExamples, Stride = DenseTiles.ColumnsPerItem;
        int width = Math.Min(Stride, VectorInputs<T>() - k0);
        ref float packed = ref MemoryMarshal.GetReference(scratch);
        Span<int> ranges = MemoryMarshal.Cast<float, int>(scratch.Slice(Examples * Stride, 2 * tiles.TileCount));
        for (int e0 = 0; e0 < m; e0 += Examples)
        {
            int examples = Math.Min(Examples, m - e0);
            for (int e = 0; e < examples; e++) PackRow(ref input, e0 + e, k0, width, ref Unsafe.Add(ref packed, e * Stride));
            WeightBlock<T>(ref packed, Stride, ref dWeights, tiles, 0, tiles.TileCount, ranges, k0, width, e0, examples, m, inverseM);
        }
    }

    /// <summary>Example <paramref name="example"/>'s inputs <paramref name="k0"/> to <paramref name="k0"/> + <paramref name="width"/>, copied to <paramref name="target"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void PackRow(ref float input, int example, int k0, int width, ref float target) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input, (nint)example * In + k0), width).CopyTo(MemoryMarshal.CreateSpan(ref target, width));

    /// <summary>
    /// dW[:, k0..k0 + width] summed over examples <paramref name="e0"/> to <paramref name="e0"/> + <paramref name="examples"/>,
    /// their inputs in <paramref name="packed"/> (example e0 first, <paramref name="stride"/> floats apart):
    /// register tiles of <see cref="DenseTiles.PanelVectors{T}"/> vectors for tiles <paramref name="firstTile"/> to
    /// <paramref name="endTile"/> of units (each tile's sums are its own, so splitting the tiles changes no bits). A later
    /// block of examples adds to the sums so far; the last one scales them by <paramref name="inverseM"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WeightBlock<T>(ref float packed, nint stride, ref float dWeights, ActiveExampleTiles tiles, int firstTile, int endTile, Span<int> ranges, int k0, int width, int e0, int examples, int m, float inverseM)
        where T : struct, ISimd<T>
    {
        int c = T.Count, panel = DenseTiles.PanelVectors<T>(), panelFloats = panel * c;
        bool accumulate = e0 > 0;
        float scale = e0 + examples == m ? inverseM : 1f;
        // Where each tile's active examples of the block start in its lists, and how many.
        Span<int> starts = ranges[..tiles.TileCount], counts = ranges[tiles.TileCount..];
        for (int t = firstTile; t < endTile; t++) (starts[t], counts[t]) = tiles.Range(t, e0, e0 + examples);
        int k = 0;
        for (; k + panelFloats <= width; k += panelFloats) WeightPanel<T>(ref Unsafe.Add(ref packed, k), stride, ref Unsafe.Add(ref dWeights, k0 + k), tiles, firstTile, endTile, starts, counts, e0, panel, accumulate, scale);
        for (; k < width; k += c) WeightPanel<T>(ref Unsafe.Add(ref packed, k), stride, ref Unsafe.Add(ref dWeights, k0 + k), tiles, firstTile, endTile, starts, counts, e0, 1, accumulate, scale);
    }

    /// <summary>One panel of <paramref name="vectors"/> vectors (the width's panel, or 1) for tiles <paramref name="firstTile"/> to <paramref name="endTile"/> of units.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void WeightPanel<T>(ref float panel, nint stride, ref float g, ActiveExampleTiles tiles, int firstTile, int endTile, Span<int> starts, Span<int> counts, int e0, int vectors, bool accumulate, float scale)
        where T : struct, ISimd<T>
    {
        for (int t = firstTile; t < endTile; t++)
        {
            ReadOnlySpan<int> units = tiles.Units(t);
            ref float dz = ref Unsafe.Add(ref MemoryMarshal.GetReference(tiles.Values(t)), starts[t] * units.Length);
            ref int examples = ref Unsafe.Add(ref MemoryMarshal.GetReference(tiles.Examples(t)), starts[t]);
            ref float g0 = ref Unsafe.Add(ref g, (nint)units[0] * In);
            if (units.Length == DenseTiles.TileUnits)
            {
                ref float g1 = ref Unsafe.Add(ref g, (nint)units[1] * In);
                ref float g2 = ref Unsafe.Add(ref g, (nint)units[2] * In);
                ref float g3 = ref Unsafe.Add(ref g, (nint)units[3] * In);
                if (vectors == 6) WeightTiles.Units4Vectors6<T>(ref panel, ref dz, ref examples, counts[t], e0, stride, ref g0, ref g1, ref g2, ref g3, accumulate, scale);
                else if (vectors == 3) WeightTiles.Units4Vectors3<T>(ref panel, ref dz, ref examples, counts[t], e0, stride, ref g0, ref g1, ref g2, ref g3, accumulate, scale);
                else WeightTiles.Units4Vectors1<T>(ref panel, ref dz, ref examples, counts[t], e0, stride, ref g0, ref g1, ref g2, ref g3, accumulate, scale);
            }
            else if (vectors == 6) WeightTiles.Units1Vectors6<T>(ref panel, ref dz, ref examples, counts[t], e0, stride, ref g0, accumulate, scale);
            else if (vectors == 3) WeightTiles.Units1Vectors3<T>(ref panel, ref dz, ref examples, counts[t], e0, stride, ref g0, accumulate, scale);
            else WeightTiles.Units1Vectors1<T>(ref panel, ref dz, ref examples, counts[t], e0, stride, ref g0, accumulate, scale);
        }
    }

    /// <summary>One work item of dZ of the layer below: a block of examples. Buffers: A of the layer below, dZ, W, dZ of the layer below.</summary>
    readonly struct InputsWork<T, TBelow> : IWorkKernel where T : struct, ISimd<T> where TBelow : struct, IDenseActivation
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            int first = item * DenseTiles.InputRowsPerItem;
            Inputs<T, TBelow>(ref args.Buffer(0), ref args.Buffer(1), ref args.Buffer(2), ref args.Buffer(3), first, Math.Min(DenseTiles.InputRowsPerItem, args.Examples - first));
        }
    }

    /// <summary>dZprev[i, k] = (sum_j dZ[i, j] W[j, k]) * TBelow'(A[i, k]) for <paramref name="count"/> examples from <paramref name="first"/>, j in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Inputs<T, TBelow>(ref float input, ref float dz, ref float weights, ref float dzPrevious, int first, int count)
        where T : struct, ISimd<T> where TBelow : struct, IDenseActivation
    {
        nint c = T.Count;
        int vectorInputs = VectorInputs<T>();
        for (int i = first; i < first + count; i++)
        {
            ref float di = ref Unsafe.Add(ref dz, i * Out);
            ref float ai = ref Unsafe.Add(ref input, (nint)i * In);
            ref float pi = ref Unsafe.Add(ref dzPrevious, (nint)i * In);
            nint k = 0;
            for (; k + 4 * c <= vectorInputs; k += 4 * c)
            {
                T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
                for (int j = 0; j < Out; j++)
                {
                    T d = T.Broadcast(Unsafe.Add(ref di, j));
                    ref float wj = ref Unsafe.Add(ref weights, (nint)j * In + k);
                    s0 = T.MultiplyAdd(d, T.Load(ref wj), s0);
                    s1 = T.MultiplyAdd(d, T.Load(ref Unsafe.Add(ref wj, c)), s1);
                    s2 = T.MultiplyAdd(d, T.Load(ref Unsafe.Add(ref wj, 2 * c)), s2);
                    s3 = T.MultiplyAdd(d, T.Load(ref Unsafe.Add(ref wj, 3 * c)), s3);
                }
                T.Store(TBelow.Backward(s0, T.Load(ref Unsafe.Add(ref ai, k))), ref Unsafe.Add(ref pi, k));
                T.Store(TBelow.Backward(s1, T.Load(ref Unsafe.Add(ref ai, k + c))), ref Unsafe.Add(ref pi, k + c));
                T.Store(TBelow.Backward(s2, T.Load(ref Unsafe.Add(ref ai, k + 2 * c))), ref Unsafe.Add(ref pi, k + 2 * c));
                T.Store(TBelow.Backward(s3, T.Load(ref Unsafe.Add(ref ai, k + 3 * c))), ref Unsafe.Add(ref pi, k + 3 * c));
            }
            for (; k < vectorInputs; k += c)
            {
                T s = T.Zero;
                for (int j = 0; j < Out; j++) s = T.MultiplyAdd(T.Broadcast(Unsafe.Add(ref di, j)), T.Load(ref Unsafe.Add(ref weights, (nint)j * In + k)), s);
                T.Store(TBelow.Backward(s, T.Load(ref Unsafe.Add(ref ai, k))), ref Unsafe.Add(ref pi, k));
            }
            for (; k < In; k++)
            {
                float sum = 0;
                for (int j = 0; j < Out; j++) sum += Unsafe.Add(ref di, j) * Unsafe.Add(ref weights, (nint)j * In + k);
                Unsafe.Add(ref pi, k) = TBelow.Backward(sum, Unsafe.Add(ref ai, k));
            }
        }
    }
}

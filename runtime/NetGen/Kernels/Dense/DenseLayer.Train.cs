using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Dense;

public static partial class DenseLayer<TShape, TActivation>
{
    /// <summary>
    /// A first layer's backward pass, gradient-descent update and next forward pass in one read of the inputs, for a
    /// training loop whose batch never changes (full-batch gradient descent only): one work item per superblock of
    /// inputs computes its dW, updates its weights and adds up its share of the next forward pass's sums. Every piece
    /// runs the same kernels on the same chunks in the same order as <see cref="Backward"/>, <c>W -= learningRate dW</c>
    /// and <see cref="Forward"/>, so the result has the same bits as those three calls one after the other.
    /// </summary>
    /// <param name="input">
    /// The batch, (m, Inputs) sample-major: the same every iteration. The first call copies it chunk-major into
    /// <paramref name="tiles"/> (as many floats as the batch, allocated once) and later calls read that copy, so its
    /// values must not change between calls with the same tiles; a batch at another address or of another size is copied again.
    /// </param>
    /// <param name="dz">dCost/dZ of the layer, (m, Outputs) sample-major.</param>
    /// <param name="weights">The layer's weights, updated in place.</param>
    /// <param name="biases">The layer's biases, updated in place.</param>
    /// <param name="dWeights">Receives dW.</param>
    /// <param name="dBiases">Receives db.</param>
    /// <param name="output">Receives the next forward pass's activations, (m, Outputs) sample-major.</param>
    /// <param name="m">The examples.</param>
    /// <param name="inverseM">1 / m.</param>
    /// <param name="learningRate">The gradient-descent step.</param>
    /// <param name="tiles">From <see cref="CreateTiles"/>, rebuilt here from <paramref name="dz"/>; also keeps the copy of the batch.</param>
    /// <param name="sums">Room for each superblock's sums: <see cref="TrainSumsLength"/> of at least <paramref name="m"/>.</param>
    /// <exception cref="ArgumentException">A span is shorter than the layer and <paramref name="m"/> need.</exception>
    public static void TrainFirst(ReadOnlySpan<float> input, ReadOnlySpan<float> dz, Span<float> weights, Span<float> biases, Span<float> dWeights, Span<float> dBiases,
        Span<float> output, Span<float> sums, int m, float inverseM, float learningRate, ActiveExampleTiles tiles)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        Require(input.Length, (long)m * In, nameof(input));
        Require(dz.Length, (long)m * Out, nameof(dz));
        Require(weights.Length, (long)In * Out, nameof(weights));
        Require(biases.Length, Out, nameof(biases));
        Require(dWeights.Length, (long)In * Out, nameof(dWeights));
        Require(dBiases.Length, Out, nameof(dBiases));
        Require(output.Length, (long)m * Out, nameof(output));
        Require(sums.Length, (long)DenseTiles.Superblocks * m * Out, nameof(sums));
        var args = new TrainArgs { Input = input, Dz = dz, Weights = weights, Biases = biases, DWeights = dWeights, DBiases = dBiases, Output = output, Sums = sums, M = m, InverseM = inverseM, LearningRate = learningRate, Tiles = tiles };
        SimdDispatch.Run<TrainKernel, TrainArgs>(ref args);
    }

    /// <summary><see cref="TrainFirst"/> at width <typeparamref name="T"/> (tests call every width).</summary>
    internal static void TrainFirst<T>(ReadOnlySpan<float> input, ReadOnlySpan<float> dz, Span<float> weights, Span<float> biases, Span<float> dWeights, Span<float> dBiases,
        Span<float> output, Span<float> sums, int m, float inverseM, float learningRate, ActiveExampleTiles tiles)
        where T : struct, ISimd<T>
    {
        var args = new TrainArgs { Input = input, Dz = dz, Weights = weights, Biases = biases, DWeights = dWeights, DBiases = dBiases, Output = output, Sums = sums, M = m, InverseM = inverseM, LearningRate = learningRate, Tiles = tiles };
        TrainKernel.Run<T>(ref args);
    }

    ref struct TrainArgs
    {
        public ReadOnlySpan<float> Input, Dz;
        public Span<float> Weights, Biases, DWeights, DBiases, Output, Sums;
        public int M;
        public float InverseM, LearningRate;
        public ActiveExampleTiles Tiles;
    }

    readonly struct TrainKernel : ISimdKernel<TrainArgs>
    {
        public static void Run<T>(scoped ref TrainArgs a) where T : struct, ISimd<T>
        {
            int m = a.M, vectorInputs = VectorInputs<T>(), superblocks = Superblocks<T>();
            float learningRate = a.LearningRate;
            a.Tiles.Build(a.Dz, m);
            // The batch chunk-major, copied by the first call and read by every later one (the batch is the same each time).
            float[] batch = a.Tiles.TrainBatch(PackedBatchLength(a.Tiles.Capacity));
            nint address;
            unsafe { address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(a.Input)); }
            bool pack = !a.Tiles.HoldsTrainBatch(address, m, T.Count);
            // One work item per superblock and group of unit tiles: its chunks' dW for those units, their update, and
            // their share of the next forward pass's sums. One group unless there are more threads than superblocks.
            bool parallel = m >= MinParallelExamples;
            int groups = pack || !parallel ? 1 : TileGroups(a.Tiles.TileCount, superblocks);
            int scratch = 2 * a.Tiles.TileCount + Out * DenseTiles.TrainChunk + m * Out * T.Count + 2 * Out;
            WorkSplitter.Run<TrainWork<T>>(superblocks * groups, parallel, scratch, m, a.InverseM, a.Input, a.Weights, a.DWeights, a.Sums,
                MemoryMarshal.CreateReadOnlySpan(ref learningRate, 1), batch, state: a.Tiles, block: pack ? 0 : groups);
            if (pack) a.Tiles.HoldTrainBatch(address, m, T.Count);
            // db and dW of the inputs past the last whole vector, as Backward computes them; then their updates.
            WeightGradientsRest<T>(a.Input, a.Dz, a.DWeights, a.DBiases, m, a.InverseM);
            for (int j = 0; j < Out; j++)
                for (int k = vectorInputs; k < In; k++) a.Weights[j * In + k] -= learningRate * a.DWeights[j * In + k];
            VectorMath.SubtractScaled(a.Biases, a.DBiases, learningRate);
            // The superblocks' sums added in order, as Forward adds them; then the last inputs, bias and activation.
            if (superblocks > 0) AddSuperblocks<T>(ref MemoryMarshal.GetReference(a.Sums), ref MemoryMarshal.GetReference(a.Output), m * Out, superblocks);
            ForwardFinish<T>(ref MemoryMarshal.GetReference(a.Input), ref MemoryMarshal.GetReference(a.Weights), ref MemoryMarshal.GetReference(a.Biases),
                ref MemoryMarshal.GetReference(a.Output), 0, m, 0, Out, superblocks > 0);
        }
    }

    /// <summary>
    /// Groups of unit tiles per superblock in the fused pass: enough for every thread to have an item when there are
    /// more threads than superblocks (DenseTiles.Superblocks is a constant, as it fixes the order of the sums), at most
    /// one per tile. Each group reads its superblock's inputs again, so one group when the superblocks suffice.
    /// </summary>
    static int TileGroups(int tileCount, int superblocks) =>
        superblocks == 0 ? 1 : Math.Clamp((WorkSplitter.ThreadCount + superblocks - 1) / superblocks, 1, tileCount);

    /// <summary>output[i] = sums[i] + sums[n + i] + ... in superblock order, a vector of outputs at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void AddSuperblocks<T>(ref float sums, ref float output, int n, int superblocks) where T : struct, ISimd<T>
    {
        int i = 0;
        for (; i + T.Count <= n; i += T.Count)
        {
            T z = T.Load(ref Unsafe.Add(ref sums, i));
            for (int s = 1; s < superblocks; s++) z = T.Add(z, T.Load(ref Unsafe.Add(ref sums, (nint)s * n + i)));
            T.Store(z, ref Unsafe.Add(ref output, i));
        }
        for (; i < n; i++)
        {
            float z = Unsafe.Add(ref sums, i);
            for (int s = 1; s < superblocks; s++) z += Unsafe.Add(ref sums, (nint)s * n + i);
            Unsafe.Add(ref output, i) = z;
        }
    }

    /// <summary>
    /// <see cref="WeightBlock{T}"/> (tiles <paramref name="firstTile"/> to <paramref name="endTile"/>) over the <paramref name="m"/> examples of a chunk (<paramref name="width"/> floats apart) in blocks as even as
    /// <see cref="DenseTiles.TrainTileExamples"/> allows, in order: each block's slice of a panel stays in L1 while every tile of units reads it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void WeightBlocks<T>(ref float chunk, int width, ref float dWeights, ActiveExampleTiles tiles, int firstTile, int endTile, Span<int> ranges, int k0, int m, float inverseM)
        where T : struct, ISimd<T>
    {
        int blocks = (m + DenseTiles.TrainTileExamples - 1) / DenseTiles.TrainTileExamples, size = blocks == 0 ? 0 : (m + blocks - 1) / blocks;
        for (int e0 = 0; e0 < m; e0 += size)
            WeightBlock<T>(ref Unsafe.Add(ref chunk, e0 * width), width, ref dWeights, tiles, firstTile, endTile, ranges, k0, width, e0, Math.Min(size, m - e0), m, inverseM);
    }

    /// <summary>
    /// Floats of <see cref="TrainFirst"/>'s chunk-major copy of a batch of up to <paramref name="capacity"/> examples: every
    /// chunk of up to <see cref="DenseTiles.TrainChunk"/> inputs of every example (the chunk from input k at float k * m), as
    /// many floats as the batch itself (up to 191 more per example). Made once per <see cref="ActiveExampleTiles"/>, at its first <see cref="TrainFirst"/>.
    /// </summary>
    static int PackedBatchLength(int capacity) => checked(capacity * ((In + DenseTiles.ColumnsPerItem - 1) / DenseTiles.ColumnsPerItem * DenseTiles.ColumnsPerItem));

    /// <summary>
    /// One superblock of <see cref="TrainFirst"/>, or one group of its unit tiles (<see cref="KernelArgs.Block"/> groups per
    /// superblock; 0 when the batch is copied chunk-major first, then one group). Buffers: input, W, dW, superblock sums,
    /// the learning rate, the batch chunk-major; state: the active example tiles.
    /// </summary>
    readonly struct TrainWork<T> : IWorkKernel where T : struct, ISimd<T>
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            var tiles = (ActiveExampleTiles)args.State!;
            int groups = Math.Max(args.Block, 1), group = item % groups;
            TrainSuperblock<T>(item / groups, group * tiles.TileCount / groups, (group + 1) * tiles.TileCount / groups, ref args.Buffer(0), ref args.Buffer(1),
                ref args.Buffer(2), ref args.Buffer(3), args.Buffer(4), ref args.Buffer(5), args.Block == 0, tiles, args.Examples, args.Scale, scratch);
        }
    }

    /// <summary>
    /// Superblock <paramref name="s"/>, for the units of tiles <paramref name="firstTile"/> to <paramref name="endTile"/>,
    /// chunk by chunk of <see cref="DenseTiles.TrainChunk"/> inputs: the chunk of every example, side by side in
    /// <paramref name="batch"/> (copied there first when <paramref name="pack"/>), its dW (<see cref="WeightBlocks{T}"/>),
    /// W -= learningRate dW, then the updated chunk times every example's inputs (<see cref="ForwardBlock{T}"/>, reading
    /// the chunk the dW pass just brought into cache). Each unit's dW and each output's sums are computed as with every
    /// tile in one item, so the groups change no bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void TrainSuperblock<T>(int s, int firstTile, int endTile, ref float input, ref float weights, ref float dWeights, ref float sums, float learningRate,
        ref float batch, bool pack, ActiveExampleTiles tiles, int m, float inverseM, Span<float> scratch)
        where T : struct, ISimd<T>
    {
        const int Chunk = DenseTiles.TrainChunk;
        int c = T.Count;
        // The item's units: every unit in order when it has every tile, else its tiles' units in the tiles' order.
        bool everyUnit = firstTile == 0 && endTile == tiles.TileCount;
        Span<int> units = MemoryMarshal.Cast<float, int>(scratch.Slice(scratch.Length - 2 * Out, Out));
        int n = 0;
        if (everyUnit) for (; n < Out; n++) units[n] = n;
        else
            for (int t = firstTile; t < endTile; t++)
                foreach (int j in tiles.Units(t)) units[n++] = j;
        Span<float> partial = scratch.Slice(0, m * n * c);
        Span<float> packed = scratch.Slice(partial.Length, n * Chunk);
        Span<int> ranges = MemoryMarshal.Cast<float, int>(scratch.Slice(partial.Length + packed.Length, 2 * tiles.TileCount));
        var (start, end) = SuperblockInputs<T>(s);
        for (int k = start; k < end; k += Chunk)
        {
            int width = Math.Min(Chunk, end - k);
            // The chunk's examples width floats apart: inputs k to k + width of the batch, from float k * m on.
            ref float chunk = ref Unsafe.Add(ref batch, (nint)k * m);
            if (pack)
                for (int e = 0; e < m; e++) PackRow(ref input, e, k, width, ref Unsafe.Add(ref chunk, e * width));
            WeightBlocks<T>(ref chunk, width, ref dWeights, tiles, firstTile, endTile, ranges, k, m, inverseM);
            for (int u = 0; u < n; u++)
            {
                nint row = (nint)units[u] * In + k;
                Span<float> wj = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref weights, row), width);
                VectorMath.SubtractScaled(wj, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref dWeights, row), width), learningRate);
                wj.CopyTo(packed.Slice(u * width, width));
            }
            ForwardBlock<T>(ref chunk, width, ref MemoryMarshal.GetReference(packed), width, ref MemoryMarshal.GetReference(partial), n, m, n, width, zero: k == start);
        }
        ref float superblock = ref Unsafe.Add(ref sums, s * m * Out);
        ref float p = ref MemoryMarshal.GetReference(partial);
        if (everyUnit)
        {
            ForwardTiles.LaneSums<T>(ref p, ref superblock, m * Out);
            return;
        }
        // Each example's sums of the item's units, then to their places among all the units.
        Span<float> exampleSums = scratch.Slice(scratch.Length - Out, Out);
        for (int e = 0; e < m; e++)
        {
            ForwardTiles.LaneSums<T>(ref Unsafe.Add(ref p, e * n * c), ref MemoryMarshal.GetReference(exampleSums), n);
            for (int u = 0; u < n; u++) Unsafe.Add(ref superblock, e * Out + units[u]) = exampleSums[u];
        }
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels.Dense;

public static partial class DenseLayer<TShape, TActivation>
{
    /// <summary>
    /// <c>output[i, j] = activation(biases[j] + sum_k weights[j, k] input[i, k])</c> for the first <paramref name="m"/>
    /// examples. Work items are blocks of examples (a lone block is split into ranges of units, so one example still
    /// uses every core); every output keeps one vector of partial sums per superblock of inputs, added lane by lane in
    /// input order, so its bits do not depend on the tile, the block or the thread that computed it.
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
        public static void Run<T>(scoped ref ForwardArgs a) where T : struct, ISimd<T>
        {
            if (a.M == 0) return;
            int blocks = ForwardBlocks<T>(a.M, WorkSplitter.ThreadCount);
            int items = blocks == 1 ? UnitParts : blocks;
            WorkSplitter.Run<ForwardWork<T>>(items, a.M >= MinParallelExamples, ForwardScratch<T>(), a.M, 0f, a.Input, a.Weights, a.Biases, a.Output, block: blocks);
        }
    }

    /// <summary>Ranges of units a lone block of examples is split into (1 when the layer is too narrow to share).</summary>
    static int UnitParts => Out >= 2 * DenseTiles.UnitsPerPart ? (Out + DenseTiles.UnitsPerPart - 1) / DenseTiles.UnitsPerPart : 1;

    /// <summary>
    /// The blocks of examples of a forward pass, each a forward work item of whole register tiles: about
    /// <see cref="DenseTiles.ForwardItemsPerThread"/> per thread, tiles shared out as evenly as whole tiles allow (so
    /// the threads finish together), at most <see cref="DenseTiles.MaxForwardRowsPerItem"/> examples each (every item
    /// streams all of W: fewer, larger items read it less often). The results do not depend on it.
    /// </summary>
    static int ForwardBlocks<T>(int m, int threads) where T : struct, ISimd<T>
    {
        int tiles = ForwardTileCount<T>(m), most = DenseTiles.MaxForwardRowsPerItem / DenseTiles.ForwardRows<T>();
        return Math.Min(tiles, Math.Max(threads * DenseTiles.ForwardItemsPerThread, (tiles + most - 1) / most));
    }

    /// <summary>Register tiles of examples in <paramref name="m"/> examples, the last one possibly partial.</summary>
    static int ForwardTileCount<T>(int m) where T : struct, ISimd<T> => (m + DenseTiles.ForwardRows<T>() - 1) / DenseTiles.ForwardRows<T>();

    /// <summary>The first example of block <paramref name="block"/> of <paramref name="blocks"/> (<paramref name="m"/> for <paramref name="block"/> = <paramref name="blocks"/>).</summary>
    static int BlockStart<T>(int block, int blocks, int m) where T : struct, ISimd<T> =>
        Math.Min(block * ForwardTileCount<T>(m) / blocks * DenseTiles.ForwardRows<T>(), m);

    /// <summary>Scratch floats of a forward item: one register tile's sums.</summary>
    static int ForwardScratch<T>() where T : struct, ISimd<T> => DenseTiles.ForwardRows<T>() * DenseTiles.SingleRowUnits * T.Count;

    /// <summary>One forward work item: a block of examples, or a range of units of a lone block. Buffers: input, weights, biases, output.</summary>
    readonly struct ForwardWork<T> : IWorkKernel where T : struct, ISimd<T>
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            int m = args.Examples, blocks = args.Block, parts = blocks == 1 ? UnitParts : 1, block = item / parts;
            int first = BlockStart<T>(block, blocks, m), unitStart = item % parts * DenseTiles.UnitsPerPart;
            int unitEnd = parts == 1 ? Out : Math.Min(unitStart + DenseTiles.UnitsPerPart, Out);
            ForwardRows<T>(ref args.Buffer(0), ref args.Buffer(1), ref args.Buffer(2), ref args.Buffer(3), first, BlockStart<T>(block + 1, blocks, m) - first, unitStart, unitEnd, scratch);
        }
    }

    /// <summary>
    /// <paramref name="rows"/> examples from <paramref name="first"/>, units <paramref name="unitStart"/> to
    /// <paramref name="unitEnd"/>: per superblock of inputs, register tiles of examples x units each sum the whole
    /// superblock in vector lanes, then the lanes, added up in <paramref name="output"/>; then the last inputs, bias and activation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ForwardRows<T>(ref float input, ref float weights, ref float biases, ref float output, int first, int rows, int unitStart, int unitEnd, Span<float> scratch)
        where T : struct, ISimd<T>
    {
        int r = DenseTiles.ForwardRows<T>();
        ref float sums = ref MemoryMarshal.GetReference(scratch);
        int superblocks = Superblocks<T>();
        for (int s = 0; s < superblocks; s++)
        {
            var (start, end) = SuperblockInputs<T>(s);
            int width = end - start;
            int i = 0;
            for (; i + r <= rows; i += r)
            {
                ref float x = ref Unsafe.Add(ref input, (nint)(first + i) * In + start);
                int j = unitStart;
                for (; j + 4 <= unitEnd; j += 4)
                {
                    ref float w = ref Unsafe.Add(ref weights, (nint)j * In + start);
                    scratch.Slice(0, r * 4 * T.Count).Clear();
                    if (r == 6) ForwardTiles.Rows6Units4<T>(ref x, In, ref w, In, ref sums, 4 * T.Count, width);
                    else ForwardTiles.Rows3Units4<T>(ref x, In, ref w, In, ref sums, 4 * T.Count, width);
                    AddSums<T>(ref sums, ref output, first + i, r, j, 4, s);
                }
                for (; j < unitEnd; j++)
                {
                    ref float w = ref Unsafe.Add(ref weights, (nint)j * In + start);
                    scratch.Slice(0, r * T.Count).Clear();
                    if (r == 6) ForwardTiles.Rows6Units1<T>(ref x, In, ref w, In, ref sums, T.Count, width);
                    else ForwardTiles.Rows3Units1<T>(ref x, In, ref w, In, ref sums, T.Count, width);
                    AddSums<T>(ref sums, ref output, first + i, r, j, 1, s);
                }
            }
            for (; i < rows; i++)
            {
                ref float x = ref Unsafe.Add(ref input, (nint)(first + i) * In + start);
                int j = unitStart;
                for (; j + 8 <= unitEnd; j += 8)
                {
                    scratch.Slice(0, 8 * T.Count).Clear();
                    ForwardTiles.Rows1Units8<T>(ref x, In, ref Unsafe.Add(ref weights, (nint)j * In + start), In, ref sums, 8 * T.Count, width);
                    AddSums<T>(ref sums, ref output, first + i, 1, j, 8, s);
                }
                for (; j + 4 <= unitEnd; j += 4)
                {
                    scratch.Slice(0, 4 * T.Count).Clear();
                    ForwardTiles.Rows1Units4<T>(ref x, In, ref Unsafe.Add(ref weights, (nint)j * In + start), In, ref sums, 4 * T.Count, width);
                    AddSums<T>(ref sums, ref output, first + i, 1, j, 4, s);
                }
                for (; j < unitEnd; j++)
                {
                    scratch.Slice(0, T.Count).Clear();
                    ForwardTiles.Rows1Units1<T>(ref x, In, ref Unsafe.Add(ref weights, (nint)j * In + start), In, ref sums, T.Count, width);
                    AddSums<T>(ref sums, ref output, first + i, 1, j, 1, s);
                }
            }
        }
        ForwardFinish<T>(ref input, ref weights, ref biases, ref output, first, rows, unitStart, unitEnd, superblocks > 0);
    }

    /// <summary>A tile's superblock sums (<paramref name="rows"/> x <paramref name="units"/> vectors) into the outputs: their lanes, then added to the earlier superblocks' in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void AddSums<T>(ref float sums, ref float output, int row, int rows, int unit, int units, int s) where T : struct, ISimd<T>
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < units; j++)
            {
                float sum = T.Sum(T.Load(ref Unsafe.Add(ref sums, (i * units + j) * T.Count)));
                ref float z = ref Unsafe.Add(ref output, (nint)(row + i) * Out + unit + j);
                z = s == 0 ? sum : z + sum;
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
    /// <paramref name="wStride"/> apart, the partial sums' examples <paramref name="stride"/> units apart), one register tile at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ForwardBlock<T>(ref float x, nint xStride, ref float w, int wStride, ref float partial, int stride, int rows, int units, int width)
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
                for (; j + 4 <= units; j += 4) ForwardTiles.Rows6Units4<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
                for (; j < units; j++) ForwardTiles.Rows6Units1<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
            }
            else
            {
                for (; j + 4 <= units; j += 4) ForwardTiles.Rows3Units4<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
                for (; j < units; j++) ForwardTiles.Rows3Units1<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
            }
        }
        for (; i < rows; i++)
        {
            ref float xi = ref Unsafe.Add(ref x, (nint)i * xStride);
            ref float pi = ref Unsafe.Add(ref partial, i * pStride);
            int j = 0;
            for (; j + 8 <= units; j += 8) ForwardTiles.Rows1Units8<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
            for (; j + 4 <= units; j += 4) ForwardTiles.Rows1Units4<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
            for (; j < units; j++) ForwardTiles.Rows1Units1<T>(ref xi, xStride, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
        }
    }
}

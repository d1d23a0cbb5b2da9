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
            int rows = BlockRows<T>(a.M, WorkSplitter.ThreadCount), blocks = (a.M + rows - 1) / rows;
            int items = blocks == 1 ? UnitParts : blocks;
            WorkSplitter.Run<ForwardWork<T>>(items, a.M >= MinParallelExamples, ForwardScratch<T>(), a.M, 0f, a.Input, a.Weights, a.Biases, a.Output, block: rows);
        }
    }

    /// <summary>Ranges of units a lone block of examples is split into (1 when the layer is too narrow to share).</summary>
    static int UnitParts => Out >= 2 * DenseTiles.UnitsPerPart ? (Out + DenseTiles.UnitsPerPart - 1) / DenseTiles.UnitsPerPart : 1;

    /// <summary>Inputs per packed chunk of weights: <c>UnitSpan x Chunk</c> floats fit in L1 next to the examples' slices; divides the superblocks' 192-input granule.</summary>
    static int Chunk<T>() where T : struct, ISimd<T>
    {
        int units = UnitSpan<T>();
        return units * 192 <= DenseTiles.PackedWeightFloats ? 192 : units * 96 <= DenseTiles.PackedWeightFloats ? 96 : units * 64 <= DenseTiles.PackedWeightFloats ? 64 : 48;
    }

    /// <summary>
    /// Units whose partial sums an item keeps at a time (all of them unless the layer is very wide): a wide layer's item
    /// runs its units span by span, so its scratch stays within <see cref="DenseTiles.PartialFloats"/> floats of sums.
    /// </summary>
    static int UnitSpan<T>() where T : struct, ISimd<T> =>
        Math.Min(Out, Math.Max(DenseTiles.ForwardUnits, DenseTiles.PartialFloats / (MaxRowsPerItem<T>() * T.Count) / DenseTiles.ForwardUnits * DenseTiles.ForwardUnits));

    /// <summary>The most examples in a forward work item (whole register tiles): every item streams all of W, so fewer, larger items read it less often.</summary>
    static int MaxRowsPerItem<T>() where T : struct, ISimd<T>
    {
        int r = DenseTiles.ForwardRows<T>();
        return Math.Max(r, Math.Min(96, DenseTiles.PartialFloats / 16 / Out / r * r));
    }

    /// <summary>Examples per forward work item: about a <see cref="DenseTiles.ForwardItemsPerThread"/>th of a thread's share, whole tiles. The results do not depend on it.</summary>
    static int BlockRows<T>(int m, int threads) where T : struct, ISimd<T>
    {
        int r = DenseTiles.ForwardRows<T>(), items = threads * DenseTiles.ForwardItemsPerThread;
        return Math.Min(((m + items - 1) / items + r - 1) / r * r, MaxRowsPerItem<T>());
    }

    /// <summary>Scratch floats of a forward item: its partial sums, then a packed chunk of weights.</summary>
    static int ForwardScratch<T>() where T : struct, ISimd<T> => MaxRowsPerItem<T>() * UnitSpan<T>() * T.Count + UnitSpan<T>() * Chunk<T>();

    /// <summary>One forward work item: a block of examples, or a range of units of a lone block. Buffers: input, weights, biases, output.</summary>
    readonly struct ForwardWork<T> : IWorkKernel where T : struct, ISimd<T>
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            int m = args.Examples, rows = args.Block, parts = rows >= m ? UnitParts : 1;
            int first = item / parts * rows, unitStart = item % parts * DenseTiles.UnitsPerPart;
            int unitEnd = parts == 1 ? Out : Math.Min(unitStart + DenseTiles.UnitsPerPart, Out);
            ForwardRows<T>(ref args.Buffer(0), ref args.Buffer(1), ref args.Buffer(2), ref args.Buffer(3), first, Math.Min(rows, m - first), unitStart, unitEnd, scratch);
        }
    }

    /// <summary>
    /// <paramref name="rows"/> examples from <paramref name="first"/>, units <paramref name="unitStart"/> to
    /// <paramref name="unitEnd"/>, a span of units at a time: per superblock of inputs, vector partial sums over its
    /// chunks and then their lanes, added up in <paramref name="output"/>; then the last inputs, bias and activation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ForwardRows<T>(ref float input, ref float weights, ref float biases, ref float output, int first, int rows, int unitStart, int unitEnd, Span<float> scratch)
        where T : struct, ISimd<T>
    {
        int c = T.Count, chunk = Chunk<T>(), span = UnitSpan<T>();
        ref float x = ref Unsafe.Add(ref input, (nint)first * In);
        // One vector of partial sums per example and unit of the span, then the packed weights.
        ref float partial = ref MemoryMarshal.GetReference(scratch);
        ref float packed = ref Unsafe.Add(ref partial, MaxRowsPerItem<T>() * span * c);
        int superblocks = Superblocks<T>();
        for (int u0 = unitStart; u0 < unitEnd; u0 += span)
        {
            int u1 = Math.Min(u0 + span, unitEnd), units = u1 - u0;
            for (int s = 0; s < superblocks; s++)
            {
                var (start, end) = SuperblockInputs<T>(s);
                scratch.Slice(0, rows * units * c).Clear();
                if (rows < 2 * DenseTiles.ForwardRows<T>())
                {
                    // Few examples use each weight: read W in place.
                    ForwardBlock<T>(ref Unsafe.Add(ref x, start), ref Unsafe.Add(ref weights, (nint)u0 * In + start), In, ref partial, units, rows, units, end - start);
                }
                else
                {
                    for (int k = start; k < end; k += chunk)
                    {
                        int width = Math.Min(chunk, end - k);
                        // W's rows are In floats apart: copy this chunk of them next to each other, where the tiles reuse them from L1.
                        for (int j = 0; j < units; j++)
                            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref weights, (nint)(u0 + j) * In + k), width).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref packed, j * chunk), width));
                        ForwardBlock<T>(ref Unsafe.Add(ref x, k), ref packed, chunk, ref partial, units, rows, units, width);
                    }
                }
                for (int i = 0; i < rows; i++)
                {
                    for (int j = 0; j < units; j++)
                    {
                        float sum = T.Sum(T.Load(ref Unsafe.Add(ref partial, (i * units + j) * c)));
                        ref float z = ref Unsafe.Add(ref output, (nint)(first + i) * Out + u0 + j);
                        z = s == 0 ? sum : z + sum;
                    }
                }
            }
        }
        ForwardFinish<T>(ref input, ref weights, ref biases, ref output, first, rows, unitStart, unitEnd, superblocks > 0);
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
    /// examples and <paramref name="units"/> units (W's rows <paramref name="wStride"/> apart, the partial sums'
    /// examples <paramref name="stride"/> units apart), one register tile at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ForwardBlock<T>(ref float x, ref float w, int wStride, ref float partial, int stride, int rows, int units, int width)
        where T : struct, ISimd<T>
    {
        nint c = T.Count, pStride = stride * c;
        int r = DenseTiles.ForwardRows<T>(), i = 0;
        for (; i + r <= rows; i += r)
        {
            ref float xi = ref Unsafe.Add(ref x, (nint)i * In);
            ref float pi = ref Unsafe.Add(ref partial, i * pStride);
            int j = 0;
            if (r == 6)
            {
                for (; j + 4 <= units; j += 4) ForwardTiles.Rows6Units4<T>(ref xi, In, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
                for (; j < units; j++) ForwardTiles.Rows6Units1<T>(ref xi, In, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
            }
            else
            {
                for (; j + 4 <= units; j += 4) ForwardTiles.Rows3Units4<T>(ref xi, In, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
                for (; j < units; j++) ForwardTiles.Rows3Units1<T>(ref xi, In, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
            }
        }
        for (; i < rows; i++)
        {
            ref float xi = ref Unsafe.Add(ref x, (nint)i * In);
            ref float pi = ref Unsafe.Add(ref partial, i * pStride);
            int j = 0;
            for (; j + 8 <= units; j += 8) ForwardTiles.Rows1Units8<T>(ref xi, In, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
            for (; j + 4 <= units; j += 4) ForwardTiles.Rows1Units4<T>(ref xi, In, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
            for (; j < units; j++) ForwardTiles.Rows1Units1<T>(ref xi, In, ref Unsafe.Add(ref w, (nint)j * wStride), wStride, ref Unsafe.Add(ref pi, j * c), pStride, width);
        }
    }
}

using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// The dot products a <see cref="GramLayer"/> starts from, in double: G = X Xᵀ (m x m) and Z1(0) = X W1ᵀ (m x units),
/// X being m x n sample-major. The inputs are taken in blocks of <see cref="Block"/>: each block of every row of X
/// (m KB for 256 inputs) stays in the core's cache while every tile that needs it runs, so the batch is read from
/// memory once rather than once per tile. Within a block a dot product is summed in a float vector, then its lanes
/// in double are added to the total: every entry the same way whatever tile or thread computes it, so G is exactly
/// symmetric and the bits do not depend on the thread count.
/// </summary>
internal static class GramDots
{
    /// <summary>Inputs per block: 32 float multiply-adds per lane before the lanes go to double.</summary>
    const int Block = 256;

    /// <summary>Rows of X per register tile and per work item.</summary>
    const int TileRows = 3;

    /// <summary>What the work items of one block share.</summary>
    sealed class Job(int examples, int inputs, int units, double[] gram, double[] initialSums)
    {
        public readonly int Examples = examples, Inputs = inputs, Units = units;
        public readonly double[] Gram = gram, InitialSums = initialSums;
        public int Start;
    }

    public static void Compute(ReadOnlySpan<float> x, int examples, int inputs, ReadOnlySpan<float> weights, int units, double[] gram, double[] initialSums)
    {
        var job = new Job(examples, inputs, units, gram, initialSums);
        var vectorInputs = inputs - inputs % Vector<float>.Count;
        var parallel = (long)examples * (examples + units) * Block >= GramLayer.ParallelMultiplyAdds;
        for (job.Start = 0; job.Start < vectorInputs; job.Start += Block)
            WorkSplitter.Run<BlockRows>((examples + TileRows - 1) / TileRows, parallel, 0, examples, 0f, x, weights, state: job);

        // The inputs past the last whole vector, in double; then the lower triangle of G from the upper.
        for (var i = 0; i < examples; i++)
        {
            var xi = x.Slice(i * inputs, inputs);
            for (var l = i; l < examples; l++) gram[i * examples + l] += Tail(xi, x.Slice(l * inputs, inputs), vectorInputs);
            for (var j = 0; j < units; j++) initialSums[i * units + j] += Tail(xi, weights.Slice(j * inputs, inputs), vectorInputs);
        }
        for (var i = 0; i < examples; i++)
            for (var l = 0; l < i; l++) gram[i * examples + l] = gram[l * examples + i];
    }

    static double Tail(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int from)
    {
        double sum = 0;
        for (var k = from; k < a.Length; k++) sum += (double)a[k] * b[k];
        return sum;
    }

    /// <summary>Rows i to i + 3 of X, one block of inputs: G's row block from its diagonal on, and Z1(0)'s; buffers: x, W1.</summary>
    readonly struct BlockRows : IWorkKernel
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            var job = (Job)args.State!;
            int first = item * TileRows, rows = Math.Min(TileRows, job.Examples - first);
            var width = Math.Min(Block, job.Inputs - job.Inputs % Vector<float>.Count - job.Start);
            ref float x = ref Unsafe.Add(ref args.Buffer(0), job.Start);
            ref float w = ref Unsafe.Add(ref args.Buffer(1), job.Start);
            Add(ref x, first, rows, ref x, first, job.Examples, job.Inputs, width, ref MemoryMarshal.GetArrayDataReference(job.Gram), job.Examples);
            Add(ref x, first, rows, ref w, 0, job.Units, job.Inputs, width, ref MemoryMarshal.GetArrayDataReference(job.InitialSums), job.Units);
        }
    }

    /// <summary>
    /// <c>output[i * stride + l] += a_i · b_l</c> over <paramref name="width"/> inputs, for rows <paramref name="firstA"/>
    /// to + <paramref name="rowsA"/> of a and rows <paramref name="firstB"/> to <paramref name="endB"/> of b, rows of
    /// both <paramref name="length"/> floats apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Add(ref float a, int firstA, int rowsA, ref float b, int firstB, int endB, int length, int width, ref double output, int stride)
    {
        var l = firstB;
        if (rowsA == TileRows)
        {
            for (; l + TileRows <= endB; l += TileRows) Tile3x3(ref a, firstA, ref b, l, length, width, ref output, stride);
        }
        // The columns past the last whole tile, and every column of a block of fewer rows.
        for (var i = firstA; i < firstA + rowsA; i++)
            for (var j = l; j < endB; j++)
                Unsafe.Add(ref output, i * stride + j) += Dot(ref Unsafe.Add(ref a, i * length), ref Unsafe.Add(ref b, j * length), width);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Tile3x3(ref float a, int firstA, ref float b, int firstB, int length, int width, ref double output, int stride)
    {
        ref float a0 = ref Unsafe.Add(ref a, firstA * length);
        ref float a1 = ref Unsafe.Add(ref a0, length);
        ref float a2 = ref Unsafe.Add(ref a1, length);
        ref float b0 = ref Unsafe.Add(ref b, firstB * length);
        ref float b1 = ref Unsafe.Add(ref b0, length);
        ref float b2 = ref Unsafe.Add(ref b1, length);
        Vector<float> s00 = default, s01 = default, s02 = default, s10 = default, s11 = default, s12 = default, s20 = default, s21 = default, s22 = default;
        for (nuint k = 0; k < (nuint)width; k += (nuint)Vector<float>.Count)
        {
            Vector<float> x0 = Vector.LoadUnsafe(ref a0, k), x1 = Vector.LoadUnsafe(ref a1, k), x2 = Vector.LoadUnsafe(ref a2, k);
            var y = Vector.LoadUnsafe(ref b0, k);
            s00 = Vector.FusedMultiplyAdd(x0, y, s00); s10 = Vector.FusedMultiplyAdd(x1, y, s10); s20 = Vector.FusedMultiplyAdd(x2, y, s20);
            y = Vector.LoadUnsafe(ref b1, k);
            s01 = Vector.FusedMultiplyAdd(x0, y, s01); s11 = Vector.FusedMultiplyAdd(x1, y, s11); s21 = Vector.FusedMultiplyAdd(x2, y, s21);
            y = Vector.LoadUnsafe(ref b2, k);
            s02 = Vector.FusedMultiplyAdd(x0, y, s02); s12 = Vector.FusedMultiplyAdd(x1, y, s12); s22 = Vector.FusedMultiplyAdd(x2, y, s22);
        }
        ref double o0 = ref Unsafe.Add(ref output, firstA * stride + firstB);
        ref double o1 = ref Unsafe.Add(ref o0, stride);
        ref double o2 = ref Unsafe.Add(ref o1, stride);
        o0 += Lanes(s00); Unsafe.Add(ref o0, 1) += Lanes(s01); Unsafe.Add(ref o0, 2) += Lanes(s02);
        o1 += Lanes(s10); Unsafe.Add(ref o1, 1) += Lanes(s11); Unsafe.Add(ref o1, 2) += Lanes(s12);
        o2 += Lanes(s20); Unsafe.Add(ref o2, 1) += Lanes(s21); Unsafe.Add(ref o2, 2) += Lanes(s22);
    }

    /// <summary>One block of one dot product, summed exactly as a tile sums it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static double Dot(ref float a, ref float b, int width)
    {
        Vector<float> sum = default;
        for (nuint k = 0; k < (nuint)width; k += (nuint)Vector<float>.Count)
            sum = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, k), Vector.LoadUnsafe(ref b, k), sum);
        return Lanes(sum);
    }

    /// <summary>A block's float partial sums, their lanes added in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static double Lanes(Vector<float> partial)
    {
        Vector.Widen(partial, out var low, out var high);
        return Vector.Sum(low + high);
    }
}

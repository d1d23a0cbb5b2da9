using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Kernels.Simd;

namespace NetGen.Kernels;

/// <summary>The softmax output activation, row by row over sample-major outputs; shape-free, so it lives here once.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Softmax
{
    /// <summary>Rows up to this wide go through the vector path (a gathered block of 16 rows: 4 KiB on the stack).</summary>
    const int MaxVectorWidth = 64;

    /// <summary>
    /// Replaces each of the first <paramref name="m"/> rows of <paramref name="width"/> values z with
    /// <c>e^(z_j - max z) / sum_k e^(z_k - max z)</c>: subtracting the row's largest z keeps every exponent at most 0,
    /// so nothing overflows and the largest output is never 0. The sum adds the exponentials in order j = 0, 1, ...
    /// from 0; a batch of at least <see cref="ExampleLanes.Block"/> rows runs in blocks of that many (the last one perhaps
    /// partly filled), one row per vector lane (the exponentials of a block's column at once); a single row takes its
    /// exponentials a vector at a time; other counts run one row at a time; all with the same bits.
    /// </summary>
    public static void Rows(Span<float> values, int m, int width)
    {
        if (m <= 0) return;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if ((long)m * width > values.Length)
            throw new ArgumentException($"values holds {values.Length} floats; {m} rows of {width} need {(long)m * width}.", nameof(values));
        if (m == 1 && width <= MaxVectorWidth && SimdDispatch.Width > 1)
        {
            // One row (PredictOne): its exponentials a vector at a time.
            var one = new RowArgs { Values = values[..width], Rows = 1, Width = width };
            SimdDispatch.Run<OneRowKernel, RowArgs>(ref one);
            return;
        }
        if (m >= ExampleLanes.Block && width <= MaxVectorWidth && SimdDispatch.Width > 1)
        {
            var args = new RowArgs { Values = values, Rows = m, Width = width };
            SimdDispatch.Run<BlockKernel, RowArgs>(ref args);
        }
        else
            for (var i = 0; i < m; i++) Row(values.Slice(i * width, width));
    }

    static void Row(Span<float> row)
    {
        var max = row[0];
        for (var j = 1; j < row.Length; j++) max = MathF.Max(max, row[j]);
        var sum = 0f;
        for (var j = 0; j < row.Length; j++)
        {
            var e = ExampleLanes.Exp(row[j] - max);
            row[j] = e;
            sum += e;
        }
        var inverse = 1f / sum;
        for (var j = 0; j < row.Length; j++) row[j] *= inverse;
    }

    /// <summary>One row at the width <typeparamref name="TSimd"/> (the scalar row at width 1), for tests.</summary>
    internal static void OneRow<TSimd>(Span<float> row) where TSimd : struct, ISimd<TSimd>
    {
        if (TSimd.Count == 1 || row.Length > MaxVectorWidth)
        {
            Row(row);
            return;
        }
        var args = new RowArgs { Values = row, Width = row.Length };
        OneRowKernel.Run<TSimd>(ref args);
    }

    ref struct RowArgs
    {
        public Span<float> Values;
        public int Rows, Width;
    }

    /// <summary>
    /// One row of at most <see cref="MaxVectorWidth"/>, copied into whole vectors on the stack: the max and the sum as
    /// <see cref="Row"/> computes them (in order, one by one), the exponentials and the products a vector at a time.
    /// </summary>
    readonly struct OneRowKernel : ISimdKernel<RowArgs>
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        [SkipLocalsInit]
        public static void Run<TSimd>(scoped ref RowArgs args) where TSimd : struct, ISimd<TSimd>
        {
            Span<float> row = args.Values;
            int width = args.Width, vectors = (width + TSimd.Count - 1) / TSimd.Count;
            Span<float> lanes = stackalloc float[MaxVectorWidth];
            // The lanes past the row are computed and never read.
            lanes.Slice(width, vectors * TSimd.Count - width).Clear();
            row.CopyTo(lanes);
            ref float z = ref MemoryMarshal.GetReference(lanes);
            var max = row[0];
            for (var j = 1; j < width; j++) max = MathF.Max(max, Unsafe.Add(ref z, j));
            TSimd top = TSimd.Broadcast(max);
            for (int v = 0; v < vectors; v++)
            {
                ref float zv = ref Unsafe.Add(ref z, v * TSimd.Count);
                TSimd.Store(ExampleLanes.Exp(TSimd.Subtract(TSimd.Load(ref zv), top)), ref zv);
            }
            var sum = 0f;
            for (var j = 0; j < width; j++) sum += Unsafe.Add(ref z, j);
            TSimd inverse = TSimd.Broadcast(1f / sum);
            for (int v = 0; v < vectors; v++)
            {
                ref float zv = ref Unsafe.Add(ref z, v * TSimd.Count);
                TSimd.Store(TSimd.Multiply(TSimd.Load(ref zv), inverse), ref zv);
            }
            lanes[..width].CopyTo(row);
        }
    }

    /// <summary>Blocks of rows, gathered into the lane layout, each lane one row (lanes past the last row are zeros, computed and never written), and scattered back.</summary>
    readonly struct BlockKernel : ISimdKernel<RowArgs>
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run<TSimd>(scoped ref RowArgs args) where TSimd : struct, ISimd<TSimd>
        {
            const int block = ExampleLanes.Block;
            int width = args.Width, m = args.Rows;
            Span<float> lanes = stackalloc float[block * width];
            ref float z = ref MemoryMarshal.GetReference(lanes);
            for (int b = 0; b < ExampleLanes.Blocks(m); b++)
            {
                ExampleLanes.Gather(args.Values, width, b, m, lanes);
                for (int s = 0; s < block; s += TSimd.Count)
                {
                    ref float zs = ref Unsafe.Add(ref z, s);
                    TSimd max = TSimd.Load(ref zs);
                    for (int j = 1; j < width; j++) max = TSimd.Max(max, TSimd.Load(ref Unsafe.Add(ref zs, j * block)));
                    TSimd sum = TSimd.Zero;
                    for (int j = 0; j < width; j++)
                    {
                        ref float zj = ref Unsafe.Add(ref zs, j * block);
                        TSimd e = ExampleLanes.Exp(TSimd.Subtract(TSimd.Load(ref zj), max));
                        TSimd.Store(e, ref zj);
                        sum = TSimd.Add(sum, e);
                    }
                    TSimd inverse = TSimd.Divide(TSimd.Broadcast(1f), sum);
                    for (int j = 0; j < width; j++)
                    {
                        ref float zj = ref Unsafe.Add(ref zs, j * block);
                        TSimd.Store(TSimd.Multiply(TSimd.Load(ref zj), inverse), ref zj);
                    }
                }
                ExampleLanes.Scatter(lanes, width, b, m, args.Values);
            }
        }
    }
}

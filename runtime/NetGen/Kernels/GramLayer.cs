using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// Layer 1 of a generated <c>Train</c> run in <see cref="TrainingAlgorithm.GramMatrix"/> form. The batch X (m x n,
/// sample-major) never changes, so after any number of steps W1 = W1(0) - s Dᵀ X, with D (m x units) the sum of every
/// dZ1 so far and s = learningRate / m. Layer 1's sums are then Z1 = Z1(0) + b1 - s G D with G = X Xᵀ (m x m) and
/// Z1(0) = X W1(0)ᵀ, both computed once: m x m x units multiply-adds per iteration instead of 2 x n x m x units.
/// Every output is written by one work item with a fixed summation order, so the bits do not depend on the threads.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GramLayer
{
    /// <summary>Rows of a register tile: examples of the Gram matrix, or rows of G times D.</summary>
    const int TileRows = 3;

    /// <summary>Examples per work item of <see cref="Sums"/>.</summary>
    const int SumRowsPerItem = 4 * TileRows;

    readonly int examples, inputs, units, paddedUnits;
    readonly float[] gram, initialSums, coefficients, paddedCoefficients, initialWeights;

    /// <summary>Computes G = X Xᵀ and Z1(0) = X W1ᵀ and keeps W1 as W1(0).</summary>
    /// <param name="x">The batch, sample-major: <c>x[i * inputs + k]</c>.</param>
    /// <param name="examples">m, the number of examples in <paramref name="x"/>.</param>
    /// <param name="inputs">n, the layer's inputs.</param>
    /// <param name="weights">W1 now, (units, inputs) row-major.</param>
    /// <param name="units">The layer's units.</param>
    public GramLayer(ReadOnlySpan<float> x, int examples, int inputs, ReadOnlySpan<float> weights, int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(examples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        if (!Fits(examples))
            throw new ArgumentOutOfRangeException(nameof(examples), examples, $"The Gram matrix of {examples} examples would not fit in one array; at most {MaxExamples} examples.");
        ShapeGuard.Length(x.Length, examples * inputs, nameof(x));
        ShapeGuard.Length(weights.Length, units * inputs, nameof(weights));
        this.examples = examples;
        this.inputs = inputs;
        this.units = units;
        paddedUnits = (units + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        gram = new float[examples * examples];
        initialSums = new float[examples * units];
        coefficients = new float[examples * units];
        paddedCoefficients = new float[examples * paddedUnits];
        initialWeights = weights.ToArray();

        // The upper triangle of G by blocks of rows (each row block from its diagonal on), then its mirror image.
        var parallel = (long)examples * examples * inputs >= ParallelMultiplyAdds;
        WorkSplitter.Run<GramRows>((examples + TileRows - 1) / TileRows, parallel, 0, examples, 0f, x, gram, state: this);
        for (var i = 0; i < examples; i++)
            for (var l = 0; l < i; l++) gram[i * examples + l] = gram[l * examples + i];
        WorkSplitter.Run<InitialSumRows>((examples + TileRows - 1) / TileRows, parallel, 0, examples, 0f, x, weights, initialSums, state: this);
    }

    /// <summary>The most examples whose Gram matrix fits in one array.</summary>
    public static int MaxExamples { get; } = (int)Math.Sqrt(Array.MaxLength);

    /// <summary>Jobs of at least this many multiply-adds are shared by every core.</summary>
    const long ParallelMultiplyAdds = 1 << 18;

    /// <summary>D, the sum of every dZ1 added so far: (m, units), sample-major like dZ1.</summary>
    public ReadOnlySpan<float> Coefficients => coefficients;

    /// <summary>W1(0): the weights when this layer was made.</summary>
    public ReadOnlySpan<float> InitialWeights => initialWeights;

    /// <summary>
    /// Whether <c>Train</c> uses this form: always for <see cref="TrainingAlgorithm.GramMatrix"/>, for
    /// <see cref="TrainingAlgorithm.Auto"/> when it needs under half the multiply-adds of the direct form (the Gram
    /// matrix, Z1(0), and writing W1 out at the end and before each progress report included), never for
    /// <see cref="TrainingAlgorithm.Direct"/>. Never when the batch has more examples than inputs: G would be larger than X.
    /// </summary>
    public static bool Chooses(TrainingOptions options, int inputs, int units, int examples)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Algorithm == TrainingAlgorithm.Direct || examples > inputs || !Fits(examples) || options.Iterations == 0) return false;
        if (options.Algorithm == TrainingAlgorithm.GramMatrix) return true;
        double m = examples, n = inputs, u = units, t = options.Iterations;
        double writeOuts = 1 + (options.Progress is null ? 0 : (options.Iterations + options.ReportEvery - 1) / options.ReportEvery + 1);
        double gramForm = m * m * n / 2 + u * n * m * (1 + writeOuts) + t * u * m * m;
        double directForm = t * 2 * u * n * m;
        return 2 * gramForm < directForm;
    }

    static bool Fits(int examples) => examples <= MaxExamples;

    /// <summary>
    /// Layer 1's sums for the current D: <c>z[i * units + j] = Z1(0)[i, j] + biases[j] - scale (G D)[i, j]</c>, the
    /// product summed over the examples in order.
    /// </summary>
    /// <param name="biases">b1 now.</param>
    /// <param name="scale">learningRate / m, as the updates used.</param>
    /// <param name="z">Receives the m x units sums, sample-major.</param>
    public void Sums(ReadOnlySpan<float> biases, float scale, Span<float> z)
    {
        ShapeGuard.Length(biases.Length, units, nameof(biases));
        ShapeGuard.Length(z.Length, examples * units, nameof(z));
        var parallel = (long)examples * examples * units >= ParallelMultiplyAdds;
        WorkSplitter.Run<SumRows>((examples + SumRowsPerItem - 1) / SumRowsPerItem, parallel, paddedUnits * SumRowsPerItem, examples, scale, biases, z, state: this);
    }

    /// <summary>Adds one iteration's dZ1 to D, and writes db1 = (sum of dZ1 over the examples, in order) * inverseM, as the direct form computes it.</summary>
    public void Add(ReadOnlySpan<float> dz, Span<float> dBiases, float inverseM)
    {
        ShapeGuard.Length(dz.Length, examples * units, nameof(dz));
        ShapeGuard.Length(dBiases.Length, units, nameof(dBiases));
        for (var j = 0; j < units; j++)
        {
            float sum = 0;
            for (var i = 0; i < examples; i++) sum += dz[i * units + j];
            dBiases[j] = sum * inverseM;
        }
        for (var i = 0; i < examples; i++)
        {
            for (var j = 0; j < units; j++)
            {
                coefficients[i * units + j] += dz[i * units + j];
                paddedCoefficients[i * paddedUnits + j] = coefficients[i * units + j];
            }
        }
    }

    /// <summary>One row block of the Gram matrix's upper triangle; buffers: x, G.</summary>
    readonly struct GramRows : IWorkKernel
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            var layer = (GramLayer)args.State!;
            var first = item * TileRows;
            Dots(ref args.Buffer(0), first, Math.Min(TileRows, layer.examples - first), ref args.Buffer(0), first, layer.examples, layer.inputs, ref args.Buffer(1), layer.examples);
        }
    }

    /// <summary>One row block of Z1(0) = X W1(0)ᵀ; buffers: x, W1, Z1(0).</summary>
    readonly struct InitialSumRows : IWorkKernel
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            var layer = (GramLayer)args.State!;
            var first = item * TileRows;
            Dots(ref args.Buffer(0), first, Math.Min(TileRows, layer.examples - first), ref args.Buffer(1), 0, layer.units, layer.inputs, ref args.Buffer(2), layer.units);
        }
    }

    /// <summary>
    /// <c>output[i * stride + l] = a_i · b_l</c> for rows <paramref name="firstA"/> to + <paramref name="rowsA"/> of a and
    /// rows <paramref name="firstB"/> to <paramref name="endB"/> of b. Every dot product is summed the same way (one
    /// vector of partial sums in input order, its lanes, then the inputs past the last whole vector), whatever tile it
    /// falls in, so G comes out exactly symmetric.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Dots(ref float a, int firstA, int rowsA, ref float b, int firstB, int endB, int length, ref float output, int stride)
    {
        var l = firstB;
        if (rowsA == TileRows)
        {
            for (; l + TileRows <= endB; l += TileRows) DotTile3x3(ref a, firstA, ref b, l, length, ref output, stride);
        }
        // The columns past the last whole tile, and every column of a block of fewer rows.
        for (var i = firstA; i < firstA + rowsA; i++)
            for (var j = l; j < endB; j++)
                Unsafe.Add(ref output, i * stride + j) = Dot(ref Unsafe.Add(ref a, i * length), ref Unsafe.Add(ref b, j * length), length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void DotTile3x3(ref float a, int firstA, ref float b, int firstB, int length, ref float output, int stride)
    {
        ref float a0 = ref Unsafe.Add(ref a, firstA * length);
        ref float a1 = ref Unsafe.Add(ref a0, length);
        ref float a2 = ref Unsafe.Add(ref a1, length);
        ref float b0 = ref Unsafe.Add(ref b, firstB * length);
        ref float b1 = ref Unsafe.Add(ref b0, length);
        ref float b2 = ref Unsafe.Add(ref b1, length);
        Vector<float> s00 = default, s01 = default, s02 = default, s10 = default, s11 = default, s12 = default, s20 = default, s21 = default, s22 = default;
        var vectorLength = length - length % Vector<float>.Count;
        for (nuint k = 0; k < (nuint)vectorLength; k += (nuint)Vector<float>.Count)
        {
            Vector<float> x0 = Vector.LoadUnsafe(ref a0, k), x1 = Vector.LoadUnsafe(ref a1, k), x2 = Vector.LoadUnsafe(ref a2, k);
            var y = Vector.LoadUnsafe(ref b0, k);
            s00 = Vector.FusedMultiplyAdd(x0, y, s00); s10 = Vector.FusedMultiplyAdd(x1, y, s10); s20 = Vector.FusedMultiplyAdd(x2, y, s20);
            y = Vector.LoadUnsafe(ref b1, k);
            s01 = Vector.FusedMultiplyAdd(x0, y, s01); s11 = Vector.FusedMultiplyAdd(x1, y, s11); s21 = Vector.FusedMultiplyAdd(x2, y, s21);
            y = Vector.LoadUnsafe(ref b2, k);
            s02 = Vector.FusedMultiplyAdd(x0, y, s02); s12 = Vector.FusedMultiplyAdd(x1, y, s12); s22 = Vector.FusedMultiplyAdd(x2, y, s22);
        }
        ref float o0 = ref Unsafe.Add(ref output, firstA * stride + firstB);
        ref float o1 = ref Unsafe.Add(ref o0, stride);
        ref float o2 = ref Unsafe.Add(ref o1, stride);
        o0 = Finish(s00, ref a0, ref b0, vectorLength, length); Unsafe.Add(ref o0, 1) = Finish(s01, ref a0, ref b1, vectorLength, length); Unsafe.Add(ref o0, 2) = Finish(s02, ref a0, ref b2, vectorLength, length);
        o1 = Finish(s10, ref a1, ref b0, vectorLength, length); Unsafe.Add(ref o1, 1) = Finish(s11, ref a1, ref b1, vectorLength, length); Unsafe.Add(ref o1, 2) = Finish(s12, ref a1, ref b2, vectorLength, length);
        o2 = Finish(s20, ref a2, ref b0, vectorLength, length); Unsafe.Add(ref o2, 1) = Finish(s21, ref a2, ref b1, vectorLength, length); Unsafe.Add(ref o2, 2) = Finish(s22, ref a2, ref b2, vectorLength, length);
    }

    /// <summary>One dot product, summed exactly as a tile sums it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static float Dot(ref float a, ref float b, int length)
    {
        Vector<float> sum = default;
        var vectorLength = length - length % Vector<float>.Count;
        for (nuint k = 0; k < (nuint)vectorLength; k += (nuint)Vector<float>.Count)
            sum = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref a, k), Vector.LoadUnsafe(ref b, k), sum);
        return Finish(sum, ref a, ref b, vectorLength, length);
    }

    /// <summary>A dot product's lanes, then its inputs past the last whole vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static float Finish(Vector<float> partial, ref float a, ref float b, int vectorLength, int length)
    {
        var sum = Vector.Sum(partial);
        for (var k = vectorLength; k < length; k++) sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, k), Unsafe.Add(ref b, k), sum);
        return sum;
    }

    /// <summary>Up to <see cref="SumRowsPerItem"/> rows of <see cref="Sums"/>; buffers: b1, z; scratch: the rows of G D, padded.</summary>
    readonly struct SumRows : IWorkKernel
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            var layer = (GramLayer)args.State!;
            int first = item * SumRowsPerItem, rows = Math.Min(SumRowsPerItem, layer.examples - first);
            layer.SumBlock(first, rows, args.Scale, ref args.Buffer(0), ref args.Buffer(1), scratch);
        }
    }

    /// <summary>Rows <paramref name="first"/> to + <paramref name="rows"/> of G D (in scratch), then the sums from them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void SumBlock(int first, int rows, float scale, ref float biases, ref float z, Span<float> scratch)
    {
        const int Tile = 3;
        int count = Vector<float>.Count, vectors = paddedUnits / count;
        ref float g = ref MemoryMarshal.GetArrayDataReference(gram);
        ref float d = ref MemoryMarshal.GetArrayDataReference(paddedCoefficients);
        ref float product = ref MemoryMarshal.GetReference(scratch);
        var i = 0;
        for (; i + TileRows <= rows; i += TileRows)
        {
            var v = 0;
            for (; v + Tile <= vectors; v += Tile) ProductTile3x3(ref Unsafe.Add(ref g, (first + i) * examples), examples, ref Unsafe.Add(ref d, v * count), paddedUnits, ref Unsafe.Add(ref product, i * paddedUnits + v * count), paddedUnits);
            for (; v < vectors; v++)
                for (var r = 0; r < TileRows; r++) ProductRow(ref Unsafe.Add(ref g, (first + i + r) * examples), examples, ref Unsafe.Add(ref d, v * count), paddedUnits, ref Unsafe.Add(ref product, (i + r) * paddedUnits + v * count));
        }
        for (; i < rows; i++)
            for (var v = 0; v < vectors; v++) ProductRow(ref Unsafe.Add(ref g, (first + i) * examples), examples, ref Unsafe.Add(ref d, v * count), paddedUnits, ref Unsafe.Add(ref product, i * paddedUnits + v * count));

        ref float z0 = ref MemoryMarshal.GetArrayDataReference(initialSums);
        for (i = 0; i < rows; i++)
        {
            for (var j = 0; j < units; j++)
            {
                var at = (first + i) * units + j;
                Unsafe.Add(ref z, at) = Unsafe.Add(ref z0, at) + Unsafe.Add(ref biases, j) - scale * Unsafe.Add(ref product, i * paddedUnits + j);
            }
        }
    }

    /// <summary>Three rows of G times three vectors of D's columns: nine accumulators, summed over the examples in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ProductTile3x3(ref float g, int examples, ref float d, int dStride, ref float product, int productStride)
    {
        ref float g1 = ref Unsafe.Add(ref g, examples);
        ref float g2 = ref Unsafe.Add(ref g1, examples);
        int count = Vector<float>.Count;
        Vector<float> s00 = default, s01 = default, s02 = default, s10 = default, s11 = default, s12 = default, s20 = default, s21 = default, s22 = default;
        for (var l = 0; l < examples; l++)
        {
            ref float row = ref Unsafe.Add(ref d, l * dStride);
            Vector<float> d0 = Vector.LoadUnsafe(ref row), d1 = Vector.LoadUnsafe(ref row, (nuint)count), d2 = Vector.LoadUnsafe(ref row, (nuint)(2 * count));
            var c = new Vector<float>(Unsafe.Add(ref g, l));
            s00 = Vector.FusedMultiplyAdd(c, d0, s00); s01 = Vector.FusedMultiplyAdd(c, d1, s01); s02 = Vector.FusedMultiplyAdd(c, d2, s02);
            c = new Vector<float>(Unsafe.Add(ref g1, l));
            s10 = Vector.FusedMultiplyAdd(c, d0, s10); s11 = Vector.FusedMultiplyAdd(c, d1, s11); s12 = Vector.FusedMultiplyAdd(c, d2, s12);
            c = new Vector<float>(Unsafe.Add(ref g2, l));
            s20 = Vector.FusedMultiplyAdd(c, d0, s20); s21 = Vector.FusedMultiplyAdd(c, d1, s21); s22 = Vector.FusedMultiplyAdd(c, d2, s22);
        }
        ref float p1 = ref Unsafe.Add(ref product, productStride);
        ref float p2 = ref Unsafe.Add(ref p1, productStride);
        s00.StoreUnsafe(ref product); s01.StoreUnsafe(ref product, (nuint)count); s02.StoreUnsafe(ref product, (nuint)(2 * count));
        s10.StoreUnsafe(ref p1); s11.StoreUnsafe(ref p1, (nuint)count); s12.StoreUnsafe(ref p1, (nuint)(2 * count));
        s20.StoreUnsafe(ref p2); s21.StoreUnsafe(ref p2, (nuint)count); s22.StoreUnsafe(ref p2, (nuint)(2 * count));
    }

    /// <summary>One row of G times one vector of D's columns, summed as <see cref="ProductTile3x3"/> sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ProductRow(ref float g, int examples, ref float d, int dStride, ref float product)
    {
        Vector<float> sum = default;
        for (var l = 0; l < examples; l++) sum = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref g, l)), Vector.LoadUnsafe(ref d, (nuint)(l * dStride)), sum);
        sum.StoreUnsafe(ref product);
    }
}

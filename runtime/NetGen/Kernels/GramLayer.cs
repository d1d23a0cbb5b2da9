using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// Layer 1 of a generated <c>Train</c> run in <see cref="FirstLayerArithmetic.GramMatrix"/> form. The batch X (m x n,
/// sample-major) never changes, so after any number of steps W1 = W1(0) - s Dᵀ X, with D (m x units) the sum of every
/// dZ1 so far and s = learningRate / m. Layer 1's sums are then Z1 = Z1(0) + b1 - s G D with G = X Xᵀ (m x m) and
/// Z1(0) = X W1(0)ᵀ, both computed once. G D is updated as dZ1 is added: at most m x m x units multiply-adds (in
/// double) per iteration, fewer when examples have no gradient, instead of 2 x n x m x units.
/// Every output is written by one work item with a fixed summation order, so the bits do not depend on the threads.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GramLayer
{
    /// <summary>Rows of G per register tile of the product G D.</summary>
    const int TileRows = 4;

    /// <summary>Rows of G D per work item of <see cref="Add"/>.</summary>
    const int ProductRowsPerItem = 4 * TileRows;

    readonly int examples, units, paddedUnits;
    readonly float[] initialWeights, coefficients;
    readonly double[] gram, initialSums, paddedSumOfDz, gramTimesD, activeRows;
    readonly int[] activeExamples;

    /// <summary>How many examples of the last dZ1 added were not all 0; their dZ1 rows, in order, fill <see cref="activeRows"/>.</summary>
    int activeCount;

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
        this.units = units;
        paddedUnits = (units + Vector<double>.Count - 1) / Vector<double>.Count * Vector<double>.Count;
        initialWeights = weights.ToArray();
        coefficients = new float[examples * units];
        paddedSumOfDz = new double[examples * paddedUnits];
        gramTimesD = new double[examples * paddedUnits];
        activeRows = new double[examples * paddedUnits];
        activeExamples = new int[examples];

        // G and the product G D are kept in double: the examples' inputs are alike (all-positive pixels), so G's entries
        // share a large common part that the product cancels, and float's rounding of it would grow, iteration after
        // iteration, into errors far larger than the direct form's.
        gram = new double[examples * examples];
        initialSums = new double[examples * units];
        GramDots.Compute(x, examples, inputs, weights, units, gram, initialSums);
    }

    /// <summary>The most examples whose Gram matrix fits in one array.</summary>
    public static int MaxExamples { get; } = (int)Math.Sqrt(Array.MaxLength);

    /// <summary>Jobs of at least this many multiply-adds are shared by every core.</summary>
    internal const long ParallelMultiplyAdds = 1 << 18;

    /// <summary>D, the sum of every dZ1 added so far (kept in double), rounded to float: (m, units), sample-major like dZ1.</summary>
    public ReadOnlySpan<float> Coefficients()
    {
        for (var i = 0; i < examples; i++)
            for (var j = 0; j < units; j++) coefficients[i * units + j] = (float)paddedSumOfDz[i * paddedUnits + j];
        return coefficients;
    }

    /// <summary>W1(0): the weights when this layer was made.</summary>
    public ReadOnlySpan<float> InitialWeights => initialWeights;

    /// <summary>
    /// Whether <c>Train</c> uses this form: only when <see cref="TrainingOptions.FirstLayer"/> asks for
    /// <see cref="FirstLayerArithmetic.GramMatrix"/>, there is an iteration to run, and the batch has at most half as many
    /// examples as inputs (G, in double, then takes no more memory than X).
    /// </summary>
    public static bool Chooses(TrainingOptions options, int inputs, int examples)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.FirstLayer == FirstLayerArithmetic.GramMatrix && options.Iterations > 0 && examples <= inputs / 2 && Fits(examples);
    }

    static bool Fits(int examples) => examples <= MaxExamples;

    /// <summary>
    /// Layer 1's sums for the current D: <c>z[i * units + j] = Z1(0)[i, j] + biases[j] - scale (G D)[i, j]</c>, in
    /// double, then rounded to float. G D is kept up to date by <see cref="Add"/>.
    /// </summary>
    /// <param name="biases">b1 now.</param>
    /// <param name="scale">learningRate / m, as the updates used.</param>
    /// <param name="z">Receives the m x units sums, sample-major.</param>
    public void Sums(ReadOnlySpan<float> biases, float scale, Span<float> z)
    {
        ShapeGuard.Length(biases.Length, units, nameof(biases));
        ShapeGuard.Length(z.Length, examples * units, nameof(z));
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float output = ref MemoryMarshal.GetReference(z);
        ref double z0 = ref MemoryMarshal.GetArrayDataReference(initialSums);
        ref double product = ref MemoryMarshal.GetArrayDataReference(gramTimesD);
        double s = scale;
        for (var i = 0; i < examples; i++)
        {
            ref double productRow = ref Unsafe.Add(ref product, i * paddedUnits);
            for (var j = 0; j < units; j++)
            {
                var at = i * units + j;
                Unsafe.Add(ref output, at) = (float)(Unsafe.Add(ref z0, at) + Unsafe.Add(ref b, j) - s * Unsafe.Add(ref productRow, j));
            }
        }
    }

    /// <summary>
    /// Adds one iteration's dZ1 to D and its product with G to G D, and writes db1 = (sum of dZ1 over the examples, in
    /// order) * inverseM, as the direct form computes it. Behind the ReLUs many examples' dZ1 are all 0: only the
    /// others' columns of G are used, so an iteration costs m x units multiply-adds per example that has a gradient.
    /// </summary>
    public void Add(ReadOnlySpan<float> dz, Span<float> dBiases, float inverseM)
    {
        ShapeGuard.Length(dz.Length, examples * units, nameof(dz));
        ShapeGuard.Length(dBiases.Length, units, nameof(dBiases));
        // One pass in example order: each unit's bias sum still adds its examples in order.
        dBiases.Clear();
        activeCount = 0;
        ref float d = ref MemoryMarshal.GetReference(dz);
        ref float db = ref MemoryMarshal.GetReference(dBiases);
        ref double total = ref MemoryMarshal.GetArrayDataReference(paddedSumOfDz);
        ref double packed = ref MemoryMarshal.GetArrayDataReference(activeRows);
        for (var i = 0; i < examples; i++)
        {
            ref float row = ref Unsafe.Add(ref d, i * units);
            ref double totalRow = ref Unsafe.Add(ref total, i * paddedUnits);
            ref double packedRow = ref Unsafe.Add(ref packed, activeCount * paddedUnits);
            var any = false;
            for (var j = 0; j < units; j++)
            {
                var value = Unsafe.Add(ref row, j);
                Unsafe.Add(ref db, j) += value;
                Unsafe.Add(ref totalRow, j) += value;
                Unsafe.Add(ref packedRow, j) = value;
                any |= value != 0;
            }
            if (any) activeExamples[activeCount++] = i;
        }
        for (var j = 0; j < units; j++) dBiases[j] *= inverseM;
        if (activeCount == 0) return;
        var parallel = (long)activeCount * examples * units >= ParallelMultiplyAdds;
        WorkSplitter.Run<ProductRows>((examples + ProductRowsPerItem - 1) / ProductRowsPerItem, parallel, 0, examples, 0f, default, state: this);
    }

    /// <summary>Up to <see cref="ProductRowsPerItem"/> rows of G D, each plus the active examples' G times dZ1.</summary>
    readonly struct ProductRows : IWorkKernel
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            var layer = (GramLayer)args.State!;
            int first = item * ProductRowsPerItem;
            layer.AddProducts(first, Math.Min(ProductRowsPerItem, layer.examples - first));
        }
    }

    /// <summary>Rows <paramref name="first"/> to + <paramref name="rows"/> of G D: plus G[i, l] dZ1[l] over the active examples l, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void AddProducts(int first, int rows)
    {
        int count = Vector<double>.Count, vectors = paddedUnits / count;
        ref double g = ref MemoryMarshal.GetArrayDataReference(gram);
        ref double d = ref MemoryMarshal.GetArrayDataReference(activeRows);
        ref int active = ref MemoryMarshal.GetArrayDataReference(activeExamples);
        ref double product = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(gramTimesD), first * paddedUnits);
        var i = 0;
        for (; i + TileRows <= rows; i += TileRows)
        {
            ref double gi = ref Unsafe.Add(ref g, (first + i) * examples);
            ref double pi = ref Unsafe.Add(ref product, i * paddedUnits);
            var v = 0;
            for (; v + 2 <= vectors; v += 2) ProductTile4x2(ref gi, examples, ref active, activeCount, ref Unsafe.Add(ref d, v * count), paddedUnits, ref Unsafe.Add(ref pi, v * count));
            for (; v < vectors; v++) ProductTile4x1(ref gi, examples, ref active, activeCount, ref Unsafe.Add(ref d, v * count), paddedUnits, ref Unsafe.Add(ref pi, v * count));
        }
        for (; i < rows; i++)
            for (var v = 0; v < vectors; v++)
                ProductRow(ref Unsafe.Add(ref g, (first + i) * examples), ref active, activeCount, ref Unsafe.Add(ref d, v * count), paddedUnits, ref Unsafe.Add(ref product, i * paddedUnits + v * count));
    }

    /// <summary>Four rows of G D, two vectors of its columns: eight accumulators, loaded, added to over the active examples in order, stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ProductTile4x2(ref double g, int examples, ref int active, int activeCount, ref double d, int stride, ref double product)
    {
        ref double g1 = ref Unsafe.Add(ref g, examples);
        ref double g2 = ref Unsafe.Add(ref g1, examples);
        ref double g3 = ref Unsafe.Add(ref g2, examples);
        ref double p1 = ref Unsafe.Add(ref product, stride);
        ref double p2 = ref Unsafe.Add(ref p1, stride);
        ref double p3 = ref Unsafe.Add(ref p2, stride);
        var count = (nuint)Vector<double>.Count;
        Vector<double> s00 = Vector.LoadUnsafe(ref product), s01 = Vector.LoadUnsafe(ref product, count);
        Vector<double> s10 = Vector.LoadUnsafe(ref p1), s11 = Vector.LoadUnsafe(ref p1, count);
        Vector<double> s20 = Vector.LoadUnsafe(ref p2), s21 = Vector.LoadUnsafe(ref p2, count);
        Vector<double> s30 = Vector.LoadUnsafe(ref p3), s31 = Vector.LoadUnsafe(ref p3, count);
        for (var t = 0; t < activeCount; t++)
        {
            var l = Unsafe.Add(ref active, t);
            ref double row = ref Unsafe.Add(ref d, t * stride);
            Vector<double> d0 = Vector.LoadUnsafe(ref row), d1 = Vector.LoadUnsafe(ref row, count);
            var c = new Vector<double>(Unsafe.Add(ref g, l));
            s00 = Vector.FusedMultiplyAdd(c, d0, s00); s01 = Vector.FusedMultiplyAdd(c, d1, s01);
            c = new Vector<double>(Unsafe.Add(ref g1, l));
            s10 = Vector.FusedMultiplyAdd(c, d0, s10); s11 = Vector.FusedMultiplyAdd(c, d1, s11);
            c = new Vector<double>(Unsafe.Add(ref g2, l));
            s20 = Vector.FusedMultiplyAdd(c, d0, s20); s21 = Vector.FusedMultiplyAdd(c, d1, s21);
            c = new Vector<double>(Unsafe.Add(ref g3, l));
            s30 = Vector.FusedMultiplyAdd(c, d0, s30); s31 = Vector.FusedMultiplyAdd(c, d1, s31);
        }
        s00.StoreUnsafe(ref product); s01.StoreUnsafe(ref product, count);
        s10.StoreUnsafe(ref p1); s11.StoreUnsafe(ref p1, count);
        s20.StoreUnsafe(ref p2); s21.StoreUnsafe(ref p2, count);
        s30.StoreUnsafe(ref p3); s31.StoreUnsafe(ref p3, count);
    }

    /// <summary>Four rows of G D, one vector of its columns, summed as <see cref="ProductTile4x2"/> sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ProductTile4x1(ref double g, int examples, ref int active, int activeCount, ref double d, int stride, ref double product)
    {
        ref double g1 = ref Unsafe.Add(ref g, examples);
        ref double g2 = ref Unsafe.Add(ref g1, examples);
        ref double g3 = ref Unsafe.Add(ref g2, examples);
        ref double p1 = ref Unsafe.Add(ref product, stride);
        ref double p2 = ref Unsafe.Add(ref p1, stride);
        ref double p3 = ref Unsafe.Add(ref p2, stride);
        Vector<double> s0 = Vector.LoadUnsafe(ref product), s1 = Vector.LoadUnsafe(ref p1), s2 = Vector.LoadUnsafe(ref p2), s3 = Vector.LoadUnsafe(ref p3);
        for (var t = 0; t < activeCount; t++)
        {
            var l = Unsafe.Add(ref active, t);
            var d0 = Vector.LoadUnsafe(ref Unsafe.Add(ref d, t * stride));
            s0 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref g, l)), d0, s0);
            s1 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref g1, l)), d0, s1);
            s2 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref g2, l)), d0, s2);
            s3 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref g3, l)), d0, s3);
        }
        s0.StoreUnsafe(ref product);
        s1.StoreUnsafe(ref p1);
        s2.StoreUnsafe(ref p2);
        s3.StoreUnsafe(ref p3);
    }

    /// <summary>One row of G D, one vector of its columns, summed as the tiles sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ProductRow(ref double g, ref int active, int activeCount, ref double d, int stride, ref double product)
    {
        var sum = Vector.LoadUnsafe(ref product);
        for (var t = 0; t < activeCount; t++)
            sum = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref g, Unsafe.Add(ref active, t))), Vector.LoadUnsafe(ref d, (nuint)(t * stride)), sum);
        sum.StoreUnsafe(ref product);
    }
}

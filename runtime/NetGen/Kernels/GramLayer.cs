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
/// Z1(0) = X W1(0)ᵀ, both computed once: m x m x units multiply-adds (in double) per iteration instead of 2 x n x m x units.
/// Every output is written by one work item with a fixed summation order, so the bits do not depend on the threads.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GramLayer
{
    /// <summary>Rows of G per register tile of the product G D.</summary>
    const int ProductRows = 4;

    /// <summary>Examples per work item of <see cref="Sums"/>.</summary>
    const int SumRowsPerItem = 4 * ProductRows;

    readonly int examples, inputs, units, paddedUnits;
    readonly float[] initialWeights, coefficients;
    readonly double[] gram, initialSums, paddedSumOfDz;

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
        paddedUnits = (units + Vector<double>.Count - 1) / Vector<double>.Count * Vector<double>.Count;
        initialWeights = weights.ToArray();
        coefficients = new float[examples * units];
        paddedSumOfDz = new double[examples * paddedUnits];

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
    /// Layer 1's sums for the current D: <c>z[i * units + j] = Z1(0)[i, j] + biases[j] - scale (G D)[i, j]</c>, in
    /// double, the product summed over the examples in order, then rounded to float.
    /// </summary>
    /// <param name="biases">b1 now.</param>
    /// <param name="scale">learningRate / m, as the updates used.</param>
    /// <param name="z">Receives the m x units sums, sample-major.</param>
    public void Sums(ReadOnlySpan<float> biases, float scale, Span<float> z)
    {
        ShapeGuard.Length(biases.Length, units, nameof(biases));
        ShapeGuard.Length(z.Length, examples * units, nameof(z));
        var parallel = (long)examples * examples * units >= ParallelMultiplyAdds;
        WorkSplitter.Run<SumRows>((examples + SumRowsPerItem - 1) / SumRowsPerItem, parallel, 2 * paddedUnits * SumRowsPerItem, examples, scale, biases, z, state: this);
    }

    /// <summary>Adds one iteration's dZ1 to D, and writes db1 = (sum of dZ1 over the examples, in order) * inverseM, as the direct form computes it.</summary>
    public void Add(ReadOnlySpan<float> dz, Span<float> dBiases, float inverseM)
    {
        ShapeGuard.Length(dz.Length, examples * units, nameof(dz));
        ShapeGuard.Length(dBiases.Length, units, nameof(dBiases));
        // One pass in example order: each unit's bias sum still adds its examples in order.
        dBiases.Clear();
        ref float d = ref MemoryMarshal.GetReference(dz);
        ref float db = ref MemoryMarshal.GetReference(dBiases);
        ref double total = ref MemoryMarshal.GetArrayDataReference(paddedSumOfDz);
        for (var i = 0; i < examples; i++)
        {
            ref float row = ref Unsafe.Add(ref d, i * units);
            ref double totalRow = ref Unsafe.Add(ref total, i * paddedUnits);
            for (var j = 0; j < units; j++)
            {
                var value = Unsafe.Add(ref row, j);
                Unsafe.Add(ref db, j) += value;
                Unsafe.Add(ref totalRow, j) += value;
            }
        }
        for (var j = 0; j < units; j++) dBiases[j] *= inverseM;
    }

    /// <summary>Up to <see cref="SumRowsPerItem"/> rows of <see cref="Sums"/>; buffers: b1, z; scratch: the rows of G D, padded.</summary>
    readonly struct SumRows : IWorkKernel
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            var layer = (GramLayer)args.State!;
            int first = item * SumRowsPerItem, rows = Math.Min(SumRowsPerItem, layer.examples - first);
            layer.SumBlock(first, rows, args.Scale, ref args.Buffer(0), ref args.Buffer(1), MemoryMarshal.Cast<float, double>(scratch));
        }
    }

    /// <summary>Rows <paramref name="first"/> to + <paramref name="rows"/> of G D (in scratch), then the sums from them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void SumBlock(int first, int rows, float scale, ref float biases, ref float z, Span<double> scratch)
    {
        int count = Vector<double>.Count, vectors = paddedUnits / count;
        ref double g = ref MemoryMarshal.GetArrayDataReference(gram);
        ref double d = ref MemoryMarshal.GetArrayDataReference(paddedSumOfDz);
        ref double product = ref MemoryMarshal.GetReference(scratch);
        var i = 0;
        for (; i + ProductRows <= rows; i += ProductRows)
        {
            ref double gi = ref Unsafe.Add(ref g, (first + i) * examples);
            ref double pi = ref Unsafe.Add(ref product, i * paddedUnits);
            var v = 0;
            for (; v + 2 <= vectors; v += 2) ProductTile4x2(ref gi, examples, ref Unsafe.Add(ref d, v * count), paddedUnits, ref Unsafe.Add(ref pi, v * count));
            for (; v < vectors; v++) ProductTile4x1(ref gi, examples, ref Unsafe.Add(ref d, v * count), paddedUnits, ref Unsafe.Add(ref pi, v * count));
        }
        for (; i < rows; i++)
            for (var v = 0; v < vectors; v++)
                ProductRow(ref Unsafe.Add(ref g, (first + i) * examples), examples, ref Unsafe.Add(ref d, v * count), paddedUnits, ref Unsafe.Add(ref product, i * paddedUnits + v * count));

        ref double z0 = ref MemoryMarshal.GetArrayDataReference(initialSums);
        for (i = 0; i < rows; i++)
        {
            for (var j = 0; j < units; j++)
            {
                var at = (first + i) * units + j;
                Unsafe.Add(ref z, at) = (float)(Unsafe.Add(ref z0, at) + Unsafe.Add(ref biases, j) - (double)scale * Unsafe.Add(ref product, i * paddedUnits + j));
            }
        }
    }

    /// <summary>Four rows of G times two vectors of D's columns: eight accumulators, each summed over the examples in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ProductTile4x2(ref double g, int examples, ref double d, int stride, ref double product)
    {
        ref double g1 = ref Unsafe.Add(ref g, examples);
        ref double g2 = ref Unsafe.Add(ref g1, examples);
        ref double g3 = ref Unsafe.Add(ref g2, examples);
        var count = (nuint)Vector<double>.Count;
        Vector<double> s00 = default, s01 = default, s10 = default, s11 = default, s20 = default, s21 = default, s30 = default, s31 = default;
        for (var l = 0; l < examples; l++)
        {
            ref double row = ref Unsafe.Add(ref d, l * stride);
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
        ref double p1 = ref Unsafe.Add(ref product, stride);
        s10.StoreUnsafe(ref p1); s11.StoreUnsafe(ref p1, count);
        ref double p2 = ref Unsafe.Add(ref p1, stride);
        s20.StoreUnsafe(ref p2); s21.StoreUnsafe(ref p2, count);
        ref double p3 = ref Unsafe.Add(ref p2, stride);
        s30.StoreUnsafe(ref p3); s31.StoreUnsafe(ref p3, count);
    }

    /// <summary>Four rows of G times one vector of D's columns, summed as <see cref="ProductTile4x2"/> sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ProductTile4x1(ref double g, int examples, ref double d, int stride, ref double product)
    {
        ref double g1 = ref Unsafe.Add(ref g, examples);
        ref double g2 = ref Unsafe.Add(ref g1, examples);
        ref double g3 = ref Unsafe.Add(ref g2, examples);
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        for (var l = 0; l < examples; l++)
        {
            var d0 = Vector.LoadUnsafe(ref Unsafe.Add(ref d, l * stride));
            s0 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref g, l)), d0, s0);
            s1 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref g1, l)), d0, s1);
            s2 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref g2, l)), d0, s2);
            s3 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref g3, l)), d0, s3);
        }
        s0.StoreUnsafe(ref product);
        s1.StoreUnsafe(ref Unsafe.Add(ref product, stride));
        s2.StoreUnsafe(ref Unsafe.Add(ref product, 2 * stride));
        s3.StoreUnsafe(ref Unsafe.Add(ref product, 3 * stride));
    }

    /// <summary>One row of G times one vector of D's columns, summed as the tiles sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ProductRow(ref double g, int examples, ref double d, int stride, ref double product)
    {
        Vector<double> sum = default;
        for (var l = 0; l < examples; l++) sum = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref g, l)), Vector.LoadUnsafe(ref d, (nuint)(l * stride)), sum);
        sum.StoreUnsafe(ref product);
    }
}

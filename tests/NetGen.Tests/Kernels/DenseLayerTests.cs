using System;
using System.Linq;
using NetGen.Kernels;
using NetGen.Kernels.Dense;
using NetGen.Kernels.Simd;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The runtime's dense kernels called directly at every vector width (Simd512, Simd256 and SimdScalar run on any
/// machine: a width the CPU lacks runs in software), against a straightforward double-precision layer. Shapes with
/// inputs past the last whole vector, units past the last whole tile, one example, a few, and more than a packed
/// block of examples. Within a width: the same bits whatever the thread count, and the fused training pass the same
/// bits as backward, update and forward one after the other.
/// </summary>
[Collection(nameof(ThreadCountCollection))]
public sealed class DenseLayerTests
{
    /// <summary>300 inputs (not a whole number of 8- or 16-lane vectors), 23 units (five 4-unit tiles and three single units; wide enough that a lone example is split by units).</summary>
    readonly struct Wide : IDenseShape
    {
        public static int Inputs => 300;
        public static int Outputs => 23;
    }

    /// <summary>4,000 inputs: eight superblocks of two or three 192-input chunks each, 5 units.</summary>
    readonly struct Narrow : IDenseShape
    {
        public static int Inputs => 4000;
        public static int Outputs => 5;
    }

    /// <summary>40 inputs, 3,000 units: so wide that a forward work item keeps its partial sums a span of units at a time (with AVX-512).</summary>
    readonly struct VeryWide : IDenseShape
    {
        public static int Inputs => 40;
        public static int Outputs => 3000;
    }

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var width in new[] { "512", "256", "scalar" })
            foreach (var shape in new[] { nameof(Wide), nameof(Narrow) })
                foreach (var m in new[] { 1, 7, 40, 300 })
                    data.Add(width, shape, m);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesDoubleArithmetic(string width, string shape, int m) => Dispatch(width, shape, new ForwardCase(m));

    public static TheoryData<string, string, int> VeryWideCases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var width in new[] { "512", "256", "scalar" })
            foreach (var m in new[] { 1, 7, 40 })
                data.Add(width, nameof(VeryWide), m);
        return data;
    }

    [Theory]
    [MemberData(nameof(VeryWideCases))]
    public void ForwardOfAVeryWideLayerMatchesDoubleArithmetic(string width, string shape, int m) => Dispatch(width, shape, new ForwardCase(m));

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardMatchesDoubleArithmetic(string width, string shape, int m) => Dispatch(width, shape, new BackwardCase(m));

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedTrainingPassIsBackwardUpdateForwardBitForBit(string width, string shape, int m) => Dispatch(width, shape, new TrainCase(m));

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedTrainingPassCopiesEachNewBatch(string width, string shape, int m) => Dispatch(width, shape, new TrainAgainCase(m));

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryResultIsTheSameBitsWhateverTheThreadCount(string width, string shape, int m) => Dispatch(width, shape, new ThreadsCase(m));

    [Fact]
    public void ShortBuffersAreRefusedWithTheirNameAndSizes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            DenseLayer<Narrow, ReLU>.Forward(new float[2 * 4000], new float[5 * 4000], new float[5], new float[9], 2));
        Assert.Equal("output", error.ParamName);
        Assert.Contains("at least 10 floats", error.Message);
        Assert.Contains("its length is 9", error.Message);
    }

    interface ICase
    {
        void Run<T, TShape>() where T : struct, ISimd<T> where TShape : struct, IDenseShape;
    }

    static void Dispatch<TCase>(string width, string shape, TCase test) where TCase : ICase
    {
        switch (width, shape)
        {
            case ("512", nameof(Wide)): test.Run<Simd512, Wide>(); break;
            case ("512", nameof(Narrow)): test.Run<Simd512, Narrow>(); break;
            case ("256", nameof(Wide)): test.Run<Simd256, Wide>(); break;
            case ("256", nameof(Narrow)): test.Run<Simd256, Narrow>(); break;
            case ("scalar", nameof(Wide)): test.Run<SimdScalar, Wide>(); break;
            case ("scalar", nameof(Narrow)): test.Run<SimdScalar, Narrow>(); break;
            case ("512", nameof(VeryWide)): test.Run<Simd512, VeryWide>(); break;
            case ("256", nameof(VeryWide)): test.Run<Simd256, VeryWide>(); break;
            case ("scalar", nameof(VeryWide)): test.Run<SimdScalar, VeryWide>(); break;
            default: throw new ArgumentException($"No case for width {width} and shape {shape}.");
        }
    }

    /// <summary>A layer's parameters and a batch: inputs, and dZ with whole rows and some units' columns exactly 0 (so the active-example lists skip some).</summary>
    sealed class Data
    {
        public Data(int inputs, int outputs, int m, int seed)
        {
            var random = new Random(seed);
            float Next(double scale) => (float)((random.NextDouble() * 2 - 1) * scale);
            X = Enumerable.Range(0, m * inputs).Select(_ => Next(1)).ToArray();
            // The layer below's outputs: tanh-like values, some exactly 0 (a ReLU's).
            Below = X.Select((v, i) => i % 3 == 0 ? 0f : v * 0.9f).ToArray();
            W = Enumerable.Range(0, outputs * inputs).Select(_ => Next(1 / Math.Sqrt(inputs))).ToArray();
            B = Enumerable.Range(0, outputs).Select(_ => Next(0.5)).ToArray();
            Dz = new float[m * outputs];
            for (var i = 0; i < m; i++)
                for (var j = 0; j < outputs; j++)
                    Dz[i * outputs + j] = i % 4 == 1 || (j % 3 == 2 && i % 2 == 0) ? 0f : Next(1);
        }

        public float[] X { get; }
        public float[] Below { get; }
        public float[] W { get; }
        public float[] B { get; }
        public float[] Dz { get; }
    }

    readonly struct ForwardCase(int m) : ICase
    {
        public void Run<T, TShape>() where T : struct, ISimd<T> where TShape : struct, IDenseShape
        {
            int n = TShape.Inputs, units = TShape.Outputs;
            var data = new Data(n, units, m, seed: m * 31 + n);
            var relu = new float[m * units];
            var tanh = new float[m * units];
            DenseLayer<TShape, ReLU>.Forward<T>(data.X, data.W, data.B, relu, m);
            DenseLayer<TShape, Tanh>.Forward<T>(data.X, data.W, data.B, tanh, m);
            for (var i = 0; i < m; i++)
                for (var j = 0; j < units; j++)
                {
                    double z = data.B[j], magnitude = Math.Abs(data.B[j]);
                    for (var k = 0; k < n; k++)
                    {
                        double term = (double)data.W[j * n + k] * data.X[i * n + k];
                        z += term;
                        magnitude += Math.Abs(term);
                    }
                    var tolerance = 1e-5 * magnitude + 1e-6;
                    Close(Math.Max(z, 0), relu[i * units + j], tolerance, $"ReLU output ({i}, {j}) of {m}");
                    Close(Math.Tanh(z), tanh[i * units + j], tolerance, $"Tanh output ({i}, {j}) of {m}");
                }
        }
    }

    readonly struct BackwardCase(int m) : ICase
    {
        public void Run<T, TShape>() where T : struct, ISimd<T> where TShape : struct, IDenseShape
        {
            int n = TShape.Inputs, units = TShape.Outputs;
            var data = new Data(n, units, m, seed: m * 17 + n);
            var tiles = DenseLayer<TShape, ReLU>.CreateTiles(m);
            var dW = new float[units * n];
            var db = new float[units];
            var reluBelow = new float[m * n];
            var tanhBelow = new float[m * n];
            float inverseM = 1f / m;
            DenseLayer<TShape, ReLU>.Backward<T, ReLU>(data.Below, data.Dz, data.W, dW, db, reluBelow, m, inverseM, tiles);
            DenseLayer<TShape, ReLU>.Backward<T, Tanh>(data.Below, data.Dz, data.W, new float[units * n], new float[units], tanhBelow, m, inverseM, tiles);
            for (var j = 0; j < units; j++)
            {
                double bias = 0, biasMagnitude = 0;
                for (var i = 0; i < m; i++)
                {
                    bias += data.Dz[i * units + j];
                    biasMagnitude += Math.Abs(data.Dz[i * units + j]);
                }
                Close(bias / m, db[j], 1e-5 * biasMagnitude / m + 1e-7, $"db[{j}] of {m}");
                for (var k = 0; k < n; k++)
                {
                    double sum = 0, magnitude = 0;
                    for (var i = 0; i < m; i++)
                    {
                        double term = (double)data.Dz[i * units + j] * data.Below[i * n + k];
                        sum += term;
                        magnitude += Math.Abs(term);
                    }
                    Close(sum / m, dW[j * n + k], 1e-5 * magnitude / m + 1e-7, $"dW[{j}, {k}] of {m}");
                }
            }
            for (var i = 0; i < m; i++)
                for (var k = 0; k < n; k++)
                {
                    double sum = 0, magnitude = 0;
                    for (var j = 0; j < units; j++)
                    {
                        double term = (double)data.Dz[i * units + j] * data.W[j * n + k];
                        sum += term;
                        magnitude += Math.Abs(term);
                    }
                    double a = data.Below[i * n + k];
                    var tolerance = 1e-5 * magnitude + 1e-7;
                    Close(a > 0 ? sum : 0, reluBelow[i * n + k], tolerance, $"dZ below through ReLU ({i}, {k}) of {m}");
                    Close(sum * (1 - a * a), tanhBelow[i * n + k], tolerance, $"dZ below through Tanh ({i}, {k}) of {m}");
                }
        }
    }

    readonly struct TrainCase(int m) : ICase
    {
        public void Run<T, TShape>() where T : struct, ISimd<T> where TShape : struct, IDenseShape
        {
            int n = TShape.Inputs, units = TShape.Outputs;
            const float LearningRate = 0.3f;
            var data = new Data(n, units, m, seed: m * 7 + n);
            float inverseM = 1f / m;

            // Backward, update (as the generated UpdateCore does it) and forward, one after the other.
            var (w, b, dW, db, a) = ((float[])data.W.Clone(), (float[])data.B.Clone(), new float[units * n], new float[units], new float[m * units]);
            DenseLayer<TShape, ReLU>.Backward<T, Linear>(data.X, data.Dz, w, dW, db, default, m, inverseM, DenseLayer<TShape, ReLU>.CreateTiles(m));
            VectorMath.SubtractScaled(w, dW, LearningRate);
            VectorMath.SubtractScaled(b, db, LearningRate);
            DenseLayer<TShape, ReLU>.Forward<T>(data.X, w, b, a, m);

            var (fw, fb, fdW, fdb, fa) = ((float[])data.W.Clone(), (float[])data.B.Clone(), new float[units * n], new float[units], new float[m * units]);
            var sums = new float[DenseLayer<TShape, ReLU>.TrainSumsLength(m)];
            DenseLayer<TShape, ReLU>.TrainFirst<T>(data.X, data.Dz, fw, fb, fdW, fdb, fa, sums, m, inverseM, LearningRate, DenseLayer<TShape, ReLU>.CreateTiles(m));

            ThreadCountDeterminismTests.AssertSameBits(dW, fdW, "dW");
            ThreadCountDeterminismTests.AssertSameBits(db, fdb, "db");
            ThreadCountDeterminismTests.AssertSameBits(w, fw, "W after the update");
            ThreadCountDeterminismTests.AssertSameBits(b, fb, "b after the update");
            ThreadCountDeterminismTests.AssertSameBits(a, fa, "the next forward pass");
        }
    }

    /// <summary>
    /// TrainFirst called again with the same tiles, which keep its copy of the batch: the same batch (the copy reused),
    /// another batch in another array, then fewer of its examples; each step must equal Backward, update and Forward.
    /// </summary>
    readonly struct TrainAgainCase(int m) : ICase
    {
        public void Run<T, TShape>() where T : struct, ISimd<T> where TShape : struct, IDenseShape
        {
            int n = TShape.Inputs, units = TShape.Outputs;
            const float LearningRate = 0.3f;
            var first = new Data(n, units, m, seed: m * 5 + n);
            var second = new Data(n, units, m, seed: m * 11 + n);
            var (w, b, fw, fb) = ((float[])first.W.Clone(), (float[])first.B.Clone(), (float[])first.W.Clone(), (float[])first.B.Clone());
            var tiles = DenseLayer<TShape, ReLU>.CreateTiles(m);
            var sums = new float[DenseLayer<TShape, ReLU>.TrainSumsLength(m)];
            foreach (var (data, examples, step) in new[] { (first, m, "the first batch"), (first, m, "the first batch again"), (second, m, "another batch"), (second, (m + 1) / 2, "fewer examples") })
            {
                float inverseM = 1f / examples;
                var (dW, db, a) = (new float[units * n], new float[units], new float[examples * units]);
                DenseLayer<TShape, ReLU>.Backward<T, Linear>(data.X, data.Dz, w, dW, db, default, examples, inverseM, DenseLayer<TShape, ReLU>.CreateTiles(m));
                VectorMath.SubtractScaled(w, dW, LearningRate);
                VectorMath.SubtractScaled(b, db, LearningRate);
                DenseLayer<TShape, ReLU>.Forward<T>(data.X, w, b, a, examples);

                var (fdW, fdb, fa) = (new float[units * n], new float[units], new float[examples * units]);
                DenseLayer<TShape, ReLU>.TrainFirst<T>(data.X, data.Dz, fw, fb, fdW, fdb, fa, sums, examples, inverseM, LearningRate, tiles);

                ThreadCountDeterminismTests.AssertSameBits(dW, fdW, $"dW of {step}");
                ThreadCountDeterminismTests.AssertSameBits(w, fw, $"W after {step}");
                ThreadCountDeterminismTests.AssertSameBits(a, fa, $"the forward pass after {step}");
            }
        }
    }

    readonly struct ThreadsCase(int examples) : ICase
    {
        public void Run<T, TShape>() where T : struct, ISimd<T> where TShape : struct, IDenseShape
        {
            int n = TShape.Inputs, units = TShape.Outputs, m = examples;
            var data = new Data(n, units, m, seed: m * 13 + n);
            var before = WorkSplitter.ThreadCount;
            try
            {
                float[][] Results(int threads)
                {
                    WorkSplitter.ThreadCount = threads;
                    var a = new float[m * units];
                    DenseLayer<TShape, Sigmoid>.Forward<T>(data.X, data.W, data.B, a, m);
                    var (dW, db, below) = (new float[units * n], new float[units], new float[m * n]);
                    DenseLayer<TShape, Sigmoid>.Backward<T, LeakyReLU>(data.Below, data.Dz, data.W, dW, db, below, m, 1f / m, DenseLayer<TShape, Sigmoid>.CreateTiles(m));
                    var (w, b, tdW, tdb, ta) = ((float[])data.W.Clone(), (float[])data.B.Clone(), new float[units * n], new float[units], new float[m * units]);
                    var (tiles, sums) = (DenseLayer<TShape, Sigmoid>.CreateTiles(m), new float[DenseLayer<TShape, Sigmoid>.TrainSumsLength(m)]);
                    DenseLayer<TShape, Sigmoid>.TrainFirst<T>(data.X, data.Dz, w, b, tdW, tdb, ta, sums, m, 1f / m, 0.1f, tiles);
                    var (w1, b1, a1) = ((float[])w.Clone(), (float[])b.Clone(), (float[])ta.Clone());
                    // Again with the same tiles, which read their copy of the batch: with more threads than superblocks,
                    // this call's items also split each superblock's tiles of units.
                    DenseLayer<TShape, Sigmoid>.TrainFirst<T>(data.X, data.Dz, w, b, tdW, tdb, ta, sums, m, 1f / m, 0.1f, tiles);
                    return new[] { a, dW, db, below, w1, b1, a1, tdW, w, b, ta };
                }
                var one = Results(1);
                foreach (var threads in new[] { 2, 3, 5, 16 })
                {
                    var other = Results(threads);
                    for (var r = 0; r < one.Length; r++) ThreadCountDeterminismTests.AssertSameBits(one[r], other[r], $"result {r} with {threads} threads against 1");
                }
            }
            finally
            {
                WorkSplitter.ThreadCount = before;
            }
        }
    }

    static void Close(double expected, float actual, double tolerance, string what)
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
            Assert.Fail($"{what}: {actual:R}, expected {expected:R} within {tolerance:G3}.");
    }
}

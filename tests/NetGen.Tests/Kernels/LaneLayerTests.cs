using System;
using System.Linq;
using NetGen.Kernels;
using NetGen.Kernels.Dense;
using NetGen.Kernels.Lanes;
using NetGen.Kernels.Simd;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The runtime's lane kernels called directly at every vector width (Simd512, Simd256 and SimdScalar run on any
/// machine), against a straightforward double-precision layer: odd shapes (1 input, 1 unit, sizes that are no multiple
/// of a tile), batches of 1, 15, 16, 17 and 300 examples (part of a block, a block, a block and one, many: two chunks of a tiny layer), every
/// combination of blocked and sample-major input and output; batches so large that the backward pass runs in two chunks
/// (through the gradient tiles and through the grouped gradients of a layer whose gradients fit a few vectors);
/// and the one-example kernel giving the batch kernels' bits at every width.
/// </summary>
public sealed class LaneLayerTests
{
    readonly struct OneByOne : IDenseShape
    {
        public static int Inputs => 1;
        public static int Outputs => 1;
    }

    /// <summary>Tiles of 8, 4, 2 and 1 units forward; 4- and 2-input and single-input dW tiles; dA tiles of 8, 4, 2 and 1 inputs.</summary>
    readonly struct Odd : IDenseShape
    {
        public static int Inputs => 23;
        public static int Outputs => 15;
    }

    readonly struct OneInput : IDenseShape
    {
        public static int Inputs => 1;
        public static int Outputs => 9;
    }

    /// <summary>A tiny layer (the chunked tile loops): a full 8-unit tile and 5 more, a full 8-input dA tile and 3 more.</summary>
    readonly struct TinyOdd : IDenseShape
    {
        public static int Inputs => 11;
        public static int Outputs => 13;
    }

    /// <summary>The moons' first layer: its 15 gradients fit one vector's lanes at 16 (one pass, one reduction), two at 8.</summary>
    readonly struct TinyGroup : IDenseShape
    {
        public static int Inputs => 2;
        public static int Outputs => 5;
    }

    /// <summary>The 2-10-5-1 network's second layer: 55 gradients, four vectors of them at 16 lanes (the tiles at 8).</summary>
    readonly struct FourGroups : IDenseShape
    {
        public static int Inputs => 10;
        public static int Outputs => 5;
    }

    /// <summary>The Digits network's hidden layer.</summary>
    readonly struct MidSize : IDenseShape
    {
        public static int Inputs => 64;
        public static int Outputs => 32;
    }

    /// <summary>More than 32 inputs (the forward pass's groups of four blocks), units not a multiple of 4 (its 2- and 1-unit tiles).</summary>
    readonly struct MidOdd : IDenseShape
    {
        public static int Inputs => 40;
        public static int Outputs => 11;
    }

    /// <summary>Wide enough that 450 gathered examples are more than one backward chunk (26 blocks of 16).</summary>
    readonly struct Chunked : IDenseShape
    {
        public static int Inputs => 120;
        public static int Outputs => 500;
    }

    static readonly string[] Widths = ["512", "256", "scalar"];

    public static TheoryData<string, string, int, bool, bool> Cases()
    {
        var data = new TheoryData<string, string, int, bool, bool>();
        foreach (var width in Widths)
            foreach (var shape in new[] { nameof(OneByOne), nameof(Odd), nameof(OneInput), nameof(TinyOdd), nameof(TinyGroup), nameof(FourGroups), nameof(MidSize), nameof(MidOdd) })
                foreach (var m in new[] { 1, 15, 16, 17, 300 })
                    foreach (var (inputBlocked, outputBlocked) in new[] { (false, false), (true, false), (false, true), (true, true) })
                        data.Add(width, shape, m, inputBlocked, outputBlocked);
        foreach (var width in Widths) data.Add(width, nameof(Chunked), 450, false, false);
        // Sample-major, 40000 examples of the grouped gradients are two chunks (2340 blocks of 16 each at most) of one group
        // (two at 8 lanes), and three chunks of four groups.
        foreach (var width in Widths) data.Add(width, nameof(TinyGroup), 40000, false, false);
        foreach (var width in Widths) data.Add(width, nameof(FourGroups), 40000, false, false);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesDoubleArithmetic(string width, string shape, int m, bool inputBlocked, bool outputBlocked) =>
        Dispatch(width, shape, new ForwardCase(m, inputBlocked, outputBlocked));

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardMatchesDoubleArithmetic(string width, string shape, int m, bool inputBlocked, bool outputBlocked) =>
        Dispatch(width, shape, new BackwardCase(m, inputBlocked, outputBlocked));

    public static TheoryData<string, string> OneExampleCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var width in Widths)
            foreach (var shape in new[] { nameof(OneByOne), nameof(Odd), nameof(OneInput), nameof(TinyOdd), nameof(TinyGroup), nameof(FourGroups), nameof(MidSize), nameof(MidOdd) })
                data.Add(width, shape);
        return data;
    }

    [Theory]
    [MemberData(nameof(OneExampleCases))]
    public void OneExampleGivesTheBatchKernelsBits(string width, string shape) => Dispatch(width, shape, new OneExampleCase());

    /// <summary>
    /// A single output sample-major (a sigmoid output layer's A): its whole blocks are written in place, the partial one
    /// scattered, with the bits of the blocked output, and nothing past example m (the caller's buffer may end there).
    /// </summary>
    [Theory]
    [InlineData("512", 300)]
    [InlineData("512", 512)]
    [InlineData("512", 5)]
    [InlineData("256", 300)]
    [InlineData("scalar", 300)]
    public void ASingleOutputIsWrittenInPlaceUpToItsLastExample(string width, int m) =>
        Dispatch(width, nameof(OneByOne), new SingleOutputCase(m));

    readonly struct SingleOutputCase(int m) : ICase
    {
        public void Run<T, TShape>() where T : struct, ISimd<T> where TShape : struct, IDenseShape
        {
            var data = new Data(TShape.Inputs, 1, m, seed: m);
            var blocked = new float[ExampleLanes.Length(m, 1)];
            LaneLayer<TShape, Sigmoid>.Forward<T>(data.X, data.W, data.B, blocked, m, false, true);
            var output = Enumerable.Repeat(-7f, m + 40).ToArray();
            LaneLayer<TShape, Sigmoid>.Forward<T>(data.X, data.W, data.B, output.AsSpan(0, m), m, false, false);
            for (var i = 0; i < m; i++)
                Assert.True(BitConverter.SingleToInt32Bits(output[i]) == BitConverter.SingleToInt32Bits(blocked[i]), $"output {i} of {m}: {output[i]:R}, blocked {blocked[i]:R}");
            for (var i = m; i < output.Length; i++) Assert.True(output[i] == -7f, $"float {i} past the {m} examples was written: {output[i]:R}");
        }
    }

    [Fact]
    public void ShortBuffersAreRefusedWithTheirNameAndSizes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            LaneLayer<Odd, ReLU>.Forward(new float[2 * 23], new float[15 * 23], new float[15], new float[29], 2, false, false));
        Assert.Equal("output", error.ParamName);
        Assert.Contains("holds 29 floats", error.Message);
        Assert.Contains("needs 30", error.Message);
        // Blocked buffers hold whole blocks of 16 examples.
        error = Assert.Throws<ArgumentException>(() =>
            LaneLayer<Odd, ReLU>.Forward(new float[2 * 23], new float[15 * 23], new float[15], new float[30], 2, false, true));
        Assert.Contains("needs 240", error.Message);
    }

    interface ICase
    {
        void Run<T, TShape>() where T : struct, ISimd<T> where TShape : struct, IDenseShape;
    }

    static void Dispatch<TCase>(string width, string shape, TCase test) where TCase : ICase
    {
        switch (width)
        {
            case "512": Dispatch<Simd512, TCase>(shape, test); break;
            case "256": Dispatch<Simd256, TCase>(shape, test); break;
            case "scalar": Dispatch<SimdScalar, TCase>(shape, test); break;
            default: throw new ArgumentException($"No width {width}.");
        }
    }

    static void Dispatch<T, TCase>(string shape, TCase test) where T : struct, ISimd<T> where TCase : ICase
    {
        switch (shape)
        {
            case nameof(OneByOne): test.Run<T, OneByOne>(); break;
            case nameof(Odd): test.Run<T, Odd>(); break;
            case nameof(OneInput): test.Run<T, OneInput>(); break;
            case nameof(TinyOdd): test.Run<T, TinyOdd>(); break;
            case nameof(TinyGroup): test.Run<T, TinyGroup>(); break;
            case nameof(FourGroups): test.Run<T, FourGroups>(); break;
            case nameof(MidSize): test.Run<T, MidSize>(); break;
            case nameof(MidOdd): test.Run<T, MidOdd>(); break;
            case nameof(Chunked): test.Run<T, Chunked>(); break;
            default: throw new ArgumentException($"No shape {shape}.");
        }
    }

    /// <summary>A layer's parameters and a batch, sample-major: inputs (some exactly 0, as a ReLU's) and dZ.</summary>
    sealed class Data
    {
        public Data(int inputs, int outputs, int m, int seed)
        {
            var random = new Random(seed);
            float Next(double scale) => (float)((random.NextDouble() * 2 - 1) * scale);
            X = Enumerable.Range(0, m * inputs).Select(i => i % 5 == 3 ? 0f : Next(1)).ToArray();
            W = Enumerable.Range(0, outputs * inputs).Select(_ => Next(1 / Math.Sqrt(inputs))).ToArray();
            B = Enumerable.Range(0, outputs).Select(_ => Next(0.5)).ToArray();
            Dz = Enumerable.Range(0, m * outputs).Select(_ => Next(1)).ToArray();
        }

        public float[] X { get; }
        public float[] W { get; }
        public float[] B { get; }
        public float[] Dz { get; }
    }

    /// <summary>A sample-major batch in the layout the kernel is asked to read.</summary>
    static float[] Laid(float[] sampleMajor, int width, int m, bool blocked)
    {
        if (!blocked) return sampleMajor;
        var result = new float[ExampleLanes.Length(m, width)];
        ExampleLanes.FromSampleMajor(sampleMajor, width, m, result);
        return result;
    }

    /// <summary>A buffer the kernel wrote, back to sample-major.</summary>
    static float[] Read(float[] laid, int width, int m, bool blocked)
    {
        if (!blocked) return laid;
        var result = new float[m * width];
        ExampleLanes.ToSampleMajor(laid, width, m, result);
        return result;
    }

    static float[] Buffer(int width, int m, bool blocked) => new float[blocked ? ExampleLanes.Length(m, width) : m * width];

    readonly struct ForwardCase(int m, bool inputBlocked, bool outputBlocked) : ICase
    {
        public void Run<T, TShape>() where T : struct, ISimd<T> where TShape : struct, IDenseShape
        {
            int n = TShape.Inputs, units = TShape.Outputs;
            var data = new Data(n, units, m, seed: m * 31 + n);
            var input = Laid(data.X, n, m, inputBlocked);
            float[] relu = Buffer(units, m, outputBlocked), sigmoid = Buffer(units, m, outputBlocked);
            LaneLayer<TShape, ReLU>.Forward<T>(input, data.W, data.B, relu, m, inputBlocked, outputBlocked);
            LaneLayer<TShape, Sigmoid>.Forward<T>(input, data.W, data.B, sigmoid, m, inputBlocked, outputBlocked);
            float[] reluOut = Read(relu, units, m, outputBlocked), sigmoidOut = Read(sigmoid, units, m, outputBlocked);
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
                    var tolerance = 1e-6 * magnitude + 1e-7;
                    Close(Math.Max(z, 0), reluOut[i * units + j], tolerance, $"ReLU output ({i}, {j}) of {m}");
                    Close(1 / (1 + Math.Exp(-z)), sigmoidOut[i * units + j], tolerance, $"Sigmoid output ({i}, {j}) of {m}");
                }
        }
    }

    readonly struct BackwardCase(int m, bool inputBlocked, bool outputBlocked) : ICase
    {
        public void Run<T, TShape>() where T : struct, ISimd<T> where TShape : struct, IDenseShape
        {
            int n = TShape.Inputs, units = TShape.Outputs;
            var data = new Data(n, units, m, seed: m * 17 + n);
            var input = Laid(data.X, n, m, inputBlocked);
            var dz = Laid(data.Dz, units, m, outputBlocked);
            var dW = new float[units * n];
            var db = new float[units];
            float[] reluBelow = Buffer(n, m, inputBlocked), tanhBelow = Buffer(n, m, inputBlocked);
            float inverseM = 1f / m;
            LaneLayer<TShape, ReLU>.Backward<T, ReLU>(input, dz, data.W, dW, db, reluBelow, m, inverseM, inputBlocked, outputBlocked);
            var dW2 = new float[units * n];
            var db2 = new float[units];
            LaneLayer<TShape, ReLU>.Backward<T, Tanh>(input, dz, data.W, dW2, db2, tanhBelow, m, inverseM, inputBlocked, outputBlocked);
            // The first layer's form (no dZ below) gives the same gradients.
            var dW3 = new float[units * n];
            var db3 = new float[units];
            LaneLayer<TShape, ReLU>.Backward<T, Linear>(input, dz, default, dW3, db3, default, m, inverseM, inputBlocked, outputBlocked);
            Assert.Equal(dW, dW2);
            Assert.Equal(dW, dW3);
            Assert.Equal(db, db3);
            for (var j = 0; j < units; j++)
            {
                double bias = 0, biasMagnitude = 0;
                for (var i = 0; i < m; i++)
                {
                    bias += data.Dz[i * units + j];
                    biasMagnitude += Math.Abs(data.Dz[i * units + j]);
                }
                Close(bias / m, db[j], 1e-6 * biasMagnitude / m + 1e-8, $"db[{j}] of {m}");
                for (var k = 0; k < n; k++)
                {
                    double sum = 0, magnitude = 0;
                    for (var i = 0; i < m; i++)
                    {
                        double term = (double)data.Dz[i * units + j] * data.X[i * n + k];
                        sum += term;
                        magnitude += Math.Abs(term);
                    }
                    Close(sum / m, dW[j * n + k], 1e-6 * magnitude / m + 1e-8, $"dW[{j}, {k}] of {m}");
                }
            }
            float[] relu = Read(reluBelow, n, m, inputBlocked), tanh = Read(tanhBelow, n, m, inputBlocked);
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
                    double a = data.X[i * n + k], tolerance = 1e-6 * magnitude + 1e-8;
                    Close(a > 0 ? sum : 0, relu[i * n + k], tolerance, $"ReLU dZ below ({i}, {k}) of {m}");
                    Close(sum * (1 - a * a), tanh[i * n + k], tolerance, $"Tanh dZ below ({i}, {k}) of {m}");
                }
        }
    }

    readonly struct OneExampleCase : ICase
    {
        public void Run<T, TShape>() where T : struct, ISimd<T> where TShape : struct, IDenseShape
        {
            int n = TShape.Inputs, units = TShape.Outputs, m = 21;
            var data = new Data(n, units, m, seed: 5 + n);
            var batch = new float[m * units];
            LaneLayer<TShape, Sigmoid>.Forward<T>(data.X, data.W, data.B, batch, m, false, false);
            var one = new float[units];
            for (var i = 0; i < m; i++)
            {
                LaneLayer<TShape, Sigmoid>.ForwardOne(data.X.AsSpan(i * n, n), data.W, data.B, one);
                for (var j = 0; j < units; j++)
                    Assert.True(BitConverter.SingleToInt32Bits(batch[i * units + j]) == BitConverter.SingleToInt32Bits(one[j]),
                        $"Example {i}, unit {j}: batch {batch[i * units + j]:R}, one example {one[j]:R}.");
            }
        }
    }

    static void Close(double expected, float actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:G3}).");
}

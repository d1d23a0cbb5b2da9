using System;
using System.Linq;
using NetGen.Kernels.Dense;
using NetGen.Kernels.Lanes;
using NetGen.Kernels.Simd;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The one-example forward pass (<c>LaneLayer.ForwardOne</c>) at every width, called directly (its units across lanes at
/// 512 and 256 bits whatever the layer's size, the scalar tiles at width 1), on shapes that are no multiple of 16 or 8:
/// the same bits as the batch kernel, and within rounding of a double-precision layer, for every activation.
/// </summary>
public sealed class LaneLayerOneTests
{
    readonly struct S1x1 : IDenseShape { public static int Inputs => 1; public static int Outputs => 1; }
    readonly struct S1x9 : IDenseShape { public static int Inputs => 1; public static int Outputs => 9; }
    readonly struct S17x1 : IDenseShape { public static int Inputs => 17; public static int Outputs => 1; }
    readonly struct S17x33 : IDenseShape { public static int Inputs => 17; public static int Outputs => 33; }
    readonly struct S9x17 : IDenseShape { public static int Inputs => 9; public static int Outputs => 17; }
    readonly struct S23x15 : IDenseShape { public static int Inputs => 23; public static int Outputs => 15; }
    readonly struct S8x8 : IDenseShape { public static int Inputs => 8; public static int Outputs => 8; }
    readonly struct S16x16 : IDenseShape { public static int Inputs => 16; public static int Outputs => 16; }
    readonly struct S64x32 : IDenseShape { public static int Inputs => 64; public static int Outputs => 32; }
    readonly struct S32x10 : IDenseShape { public static int Inputs => 32; public static int Outputs => 10; }

    /// <summary>More inputs than one transposed chunk of 64: two whole chunks and 2 inputs more.</summary>
    readonly struct S130x20 : IDenseShape { public static int Inputs => 130; public static int Outputs => 20; }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var width in new[] { "512", "256", "scalar" })
            foreach (var shape in new[] { "1x1", "1x9", "17x1", "17x33", "9x17", "23x15", "8x8", "16x16", "64x32", "32x10", "130x20" })
                data.Add(width, shape);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneExampleGivesTheBatchBitsAndTheDoubleLayer(string width, string shape)
    {
        switch (width)
        {
            case "512": Shape<Simd512>(shape); break;
            case "256": Shape<Simd256>(shape); break;
            case "scalar": Shape<SimdScalar>(shape); break;
            default: throw new ArgumentException($"No width {width}.");
        }
    }

    static void Shape<T>(string shape) where T : struct, ISimd<T>
    {
        switch (shape)
        {
            case "1x1": Activations<T, S1x1>(); break;
            case "1x9": Activations<T, S1x9>(); break;
            case "17x1": Activations<T, S17x1>(); break;
            case "17x33": Activations<T, S17x33>(); break;
            case "9x17": Activations<T, S9x17>(); break;
            case "23x15": Activations<T, S23x15>(); break;
            case "8x8": Activations<T, S8x8>(); break;
            case "16x16": Activations<T, S16x16>(); break;
            case "64x32": Activations<T, S64x32>(); break;
            case "32x10": Activations<T, S32x10>(); break;
            case "130x20": Activations<T, S130x20>(); break;
            default: throw new ArgumentException($"No shape {shape}.");
        }
    }

    static void Activations<T, TShape>() where T : struct, ISimd<T> where TShape : struct, IDenseShape
    {
        Check<T, TShape, ReLU>(z => Math.Max(z, 0));
        Check<T, TShape, LeakyReLU>(z => z > 0 ? z : 0.01 * z);
        Check<T, TShape, Sigmoid>(z => 1 / (1 + Math.Exp(-z)));
        Check<T, TShape, Tanh>(Math.Tanh);
        Check<T, TShape, Linear>(z => z);
    }

    static void Check<T, TShape, TActivation>(Func<double, double> activation)
        where T : struct, ISimd<T> where TShape : struct, IDenseShape where TActivation : struct, IDenseActivation
    {
        int n = TShape.Inputs, units = TShape.Outputs, m = 5;
        var random = new Random(n * 100 + units);
        float Next(double scale) => (float)((random.NextDouble() * 2 - 1) * scale);
        var x = Enumerable.Range(0, m * n).Select(i => i % 7 == 3 ? 0f : Next(2)).ToArray();
        var w = Enumerable.Range(0, units * n).Select(_ => Next(1 / Math.Sqrt(n))).ToArray();
        var b = Enumerable.Range(0, units).Select(_ => Next(0.5)).ToArray();
        var batch = new float[m * units];
        LaneLayer<TShape, TActivation>.Forward<T>(x, w, b, batch, m, false, false);
        // One float past the layer's output, which the kernel must leave alone.
        var one = new float[units + 1];
        for (var i = 0; i < m; i++)
        {
            one[units] = 12345f;
            LaneLayer<TShape, TActivation>.ForwardOne<T>(x.AsSpan(i * n, n), w, b, one.AsSpan(0, units));
            Assert.Equal(12345f, one[units]);
            for (var j = 0; j < units; j++)
            {
                string what = $"{typeof(TActivation).Name} {n} -> {units}, example {i}, unit {j}";
                Assert.True(BitConverter.SingleToInt32Bits(batch[i * units + j]) == BitConverter.SingleToInt32Bits(one[j]),
                    $"{what}: batch {batch[i * units + j]:R}, one example {one[j]:R}.");
                double z = b[j], magnitude = Math.Abs(b[j]);
                for (var k = 0; k < n; k++)
                {
                    z += (double)w[j * n + k] * x[i * n + k];
                    magnitude += Math.Abs((double)w[j * n + k] * x[i * n + k]);
                }
                double expected = activation(z);
                Assert.True(Math.Abs(expected - one[j]) <= 1e-6 * magnitude + 1e-6 * Math.Abs(expected) + 1e-7,
                    $"{what}: double-precision {expected:R}, one example {one[j]:R}.");
            }
        }
    }
}

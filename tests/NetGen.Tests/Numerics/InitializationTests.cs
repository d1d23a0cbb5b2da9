using System;
using System.Buffers.Binary;
using System.Linq;
using NetGen.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace NetGen.Tests.Numerics;

/// <summary>
/// Generated <c>InitializeParameters</c> against the values the course prints and against real numpy's
/// <c>np.random.seed</c> + <c>randn</c>, layer by layer (Fixtures/NumpyRandom/init-*.f4, made by
/// tests/fixtures/numpy_random.py).
/// </summary>
public sealed class InitializationTests
{
    [Fact]
    public void TwoLayerNetworkWithSeed1_ReproducesTheCoursesPrintedParameters()
    {
        var net = new NumericsSeedTwoLayer();
        net.InitializeParameters(1); // the course's default scale, 0.01

        AssertPrinted([0.01624345, -0.00611756, -0.00528172, -0.01072969, 0.00865408, -0.02301539], net.W1, "W1");
        AssertPrinted([0, 0], net.B1, "b1");
        AssertPrinted([0.01744812, -0.00761207], net.W2, "W2");
        AssertPrinted([0], net.B2, "b2");
    }

    [Fact]
    public void DeepNetworkWithSeed3_ReproducesTheCoursesPrintedParameters()
    {
        var net = new NumericsSeedDeep543();
        net.InitializeParameters(3);

        AssertPrinted(
        [
            0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388,
            -0.00354759, -0.00082741, -0.00627001, -0.00043818, -0.00477218,
            -0.01313865, 0.00884622, 0.00881318, 0.01709573, 0.00050034,
            -0.00404677, -0.0054536, -0.01546477, 0.00982367, -0.01101068,
        ], net.W1, "W1");
        AssertPrinted([0, 0, 0, 0], net.B1, "b1");
        AssertPrinted(
        [
            -0.01185047, -0.0020565, 0.01486148, 0.00236716,
            -0.01023785, -0.00712993, 0.00625245, -0.00160513,
            -0.00768836, -0.00230031, 0.00745056, 0.01976111,
        ], net.W2, "W2");
        AssertPrinted([0, 0, 0], net.B2, "b2");
    }

    /// <summary>The cases tests/fixtures/numpy_random.py draws (its INITIALIZATIONS).</summary>
    public static TheoryData<string, int, WeightInit> NumpyCases => new()
    {
        { nameof(NumericsSeedDeep432), 3, WeightInit.Small },          // the course's initialize_parameters_deep([4, 3, 2])
        { nameof(NumericsSeedTwoLayer), 1, WeightInit.Small },
        { nameof(NumericsSeedDeep543), 3, WeightInit.Small },
        { nameof(NumericsCourseNet), 1, WeightInit.InverseSqrtFanIn },
        { nameof(NumericsCourseNet), 2, WeightInit.He },
        { nameof(NumericsDeepNarrow), 0, WeightInit.He },
        { nameof(NumericsWide), 1, WeightInit.InverseSqrtFanIn },    // 13,591 draws: numpy's generator state is regenerated many times
        { nameof(NumericsWide), 3, WeightInit.He },
        { nameof(NumericsWideColumn), 42, WeightInit.Small },
        { nameof(NumericsPooledPredict), 7, WeightInit.He },
    };

    [Theory]
    [MemberData(nameof(NumpyCases))]
    public void EveryWeight_IsNumpysDoubleRoundedToFloat(string network, int seed, WeightInit init)
    {
        var net = NumericsNetworks.Create(network);
        for (var l = 1; l <= net.LayerCount; l++) Array.Fill(net.Biases(l), 7f); // must be cleared, not left

        net.Initialize(seed, init);

        // numpy's float64 weights .astype(np.float32), every layer's row-major one after the other.
        var numpy = Fixture.Bytes($"NumpyRandom/init-{network}-seed{seed}-{init}.f4");
        var offset = 0;
        for (var l = 1; l <= net.LayerCount; l++)
        {
            var weights = net.Weights(l);
            for (var i = 0; i < weights.Length; i++, offset += 4)
            {
                Assert.True(offset + 4 <= numpy.Length, $"numpy drew {numpy.Length / 4} weights; {network} has more");
                var expected = BinaryPrimitives.ReadSingleLittleEndian(numpy.AsSpan(offset));
                if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(weights[i]))
                    throw new XunitException($"{network} W{l}[{i}] (seed {seed}, {init}) is {weights[i]:R}; numpy's, rounded to float, is {expected:R}.");
            }
            Assert.All(net.Biases(l), b => Assert.Equal(0f, b));
        }
        Assert.Equal(numpy.Length, offset);
    }

    [Fact]
    public void InitializingAgainWithTheSameSeed_GivesTheSameParameters()
    {
        var net = new NumericsCourseNet();
        net.InitializeParameters(5, WeightInit.He);
        var first = net.W1.Concat(net.W2).Concat(net.W3).ToArray();
        net.InitializeParameters(6, WeightInit.He);
        net.InitializeParameters(5, WeightInit.He);
        NumericAssert.Identical(first, net.W1.Concat(net.W2).Concat(net.W3).ToArray(), "W1..W3 after re-seeding");
    }

    [Fact]
    public void Constants_DescribeTheDeclaredShape()
    {
        Assert.Equal(300, NumericsWide.InputSize);
        Assert.Equal(3, NumericsWide.OutputSize);
        Assert.Equal(3, NumericsWide.LayerCount);
        Assert.Equal(300 * 40 + 40 + 40 * 37 + 37 + 37 * 3 + 3, NumericsWide.ParameterCount);
        Assert.Equal([300, 40, 37, 3], NumericsWide.LayerSizes.ToArray());
        var net = new NumericsWide();
        Assert.Equal((300 * 40, 40, 40 * 37, 37, 37 * 3, 3), (net.W1.Length, net.B1.Length, net.W2.Length, net.B2.Length, net.W3.Length, net.B3.Length));
    }

    /// <summary>
    /// The course prints 8 decimals, so a printed value is within 5e-9 of numpy's double; rounding that double to
    /// float moves it by at most half a float ulp more.
    /// </summary>
    static void AssertPrinted(double[] printed, float[] actual, string name)
    {
        Assert.Equal(printed.Length, actual.Length);
        for (var i = 0; i < printed.Length; i++)
        {
            var ulp = (double)MathF.BitIncrement(MathF.Abs(actual[i])) - MathF.Abs(actual[i]);
            var tolerance = 5e-9 + ulp / 2;
            if (!(Math.Abs(actual[i] - printed[i]) <= tolerance))
                throw new XunitException($"{name}[{i}] is {actual[i]:R}; the course prints {printed[i]} (tolerance {tolerance:E2}).");
        }
    }
}

using System;
using System.Buffers.Binary;
using NetGen.Numerics;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// <see cref="NumpyRandom"/> against numpy's legacy global generator: every value bit for bit, from the raw bytes
/// numpy wrote (Fixtures/NumpyRandom, made by tests/fixtures/numpy_random.py), plus the values the course prints.
/// </summary>
public sealed class NumpyRandomTests
{
    static readonly uint[] Seeds = [0, 1, 3, 42, uint.MaxValue]; // as numpy_random.py draws them, one seed after the other

    [Fact]
    public void NextUInt32_MatchesNumpysMersenneTwisterOutputs()
    {
        const int count = 2000; // more than 624, so the state is regenerated several times
        var expected = Fixture.Bytes("NumpyRandom/raw.u4");
        Assert.Equal(Seeds.Length * count * 4, expected.Length);

        for (var s = 0; s < Seeds.Length; s++)
        {
            var random = new NumpyRandom(Seeds[s]);
            for (var i = 0; i < count; i++)
            {
                var numpy = BinaryPrimitives.ReadUInt32LittleEndian(expected.AsSpan((s * count + i) * 4));
                Assert.True(numpy == random.NextUInt32(), $"seed {Seeds[s]}, draw {i}: numpy gives {numpy}");
            }
        }
    }

    [Fact]
    public void NextDouble_MatchesRandomSampleBitForBit()
    {
        const int count = 3000;
        var expected = Fixture.Bytes("NumpyRandom/random_sample.f8");
        Assert.Equal(Seeds.Length * count * 8, expected.Length);

        for (var s = 0; s < Seeds.Length; s++)
        {
            var random = new NumpyRandom(Seeds[s]);
            for (var i = 0; i < count; i++)
                AssertSameDouble(ReadDouble(expected, s * count + i), random.NextDouble(), $"seed {Seeds[s]}, random_sample element {i}");
        }
    }

    [Fact]
    public void NextGaussian_MatchesRandnBitForBit()
    {
        const int count = 5001; // odd, so the last value leaves a cached Gaussian behind
        var expected = Fixture.Bytes("NumpyRandom/randn.f8");
        Assert.Equal(Seeds.Length * count * 8, expected.Length);

        for (var s = 0; s < Seeds.Length; s++)
        {
            var random = new NumpyRandom(Seeds[s]);
            for (var i = 0; i < count; i++)
                AssertSameDouble(ReadDouble(expected, s * count + i), random.NextGaussian(), $"seed {Seeds[s]}, randn element {i}");
        }
    }

    [Fact]
    public void CachedGaussian_SurvivesBetweenCallsOfOddLengthAndUniformDraws()
    {
        // numpy keeps the polar method's second value across randn calls and across random_sample calls.
        var expected = Fixture.Bytes("NumpyRandom/cached_gaussian.f8");

        var random = new NumpyRandom(7);
        var draws = new Func<double>[]
        {
            random.NextGaussian, random.NextGaussian, random.NextGaussian, random.NextGaussian, random.NextGaussian,
            random.NextGaussian, random.NextDouble, random.NextDouble, random.NextDouble, random.NextGaussian,
            random.NextGaussian, random.NextGaussian, random.NextGaussian, random.NextGaussian,
        };
        Assert.Equal(draws.Length * 8, expected.Length);
        for (var i = 0; i < draws.Length; i++)
            AssertSameDouble(ReadDouble(expected, i), draws[i](), $"draw {i}");
    }

    [Fact]
    public void FillGaussian_MatchesScaledRandnRoundedOnceToFloat32()
    {
        var expected = Fixture.Bytes("NumpyRandom/fill_gaussian.f4");

        var random = new NumpyRandom(1);
        var actual = new float[15 + 7 + 4];
        random.FillGaussian(actual.AsSpan(0, 15), 0.01);
        random.FillGaussian(actual.AsSpan(15, 7), Math.Sqrt(2.0 / 5));
        random.FillGaussian(actual.AsSpan(22, 4), 1.0);

        Assert.Equal(actual.Length * 4, expected.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            var numpy = BinaryPrimitives.ReadSingleLittleEndian(expected.AsSpan(i * 4));
            Assert.True(BitConverter.SingleToInt32Bits(numpy) == BitConverter.SingleToInt32Bits(actual[i]),
                $"element {i}: numpy {numpy:R}, NumpyRandom {actual[i]:R}");
        }
    }

    [Fact]
    public void Seed1_GivesTheCoursesPrintedInitialisation()
    {
        // "Initialization" / "Step by Step" notebooks: np.random.seed(1); W1 = randn(2, 3) * 0.01; then randn(1, 2) * 0.01.
        var random = new NumpyRandom(1);
        AssertPrinted([0.01624345, -0.00611756, -0.00528172, -0.01072969, 0.00865408, -0.02301539], random, 0.01);
        AssertPrinted([0.01744812, -0.00761207], random, 0.01);
    }

    [Fact]
    public void Seed3_GivesTheCoursesPrintedFirstRow()
    {
        // initialize_parameters_deep([5, 4, 3]) with np.random.seed(3): W1 = randn(4, 5) * 0.01, first row.
        var random = new NumpyRandom(3);
        AssertPrinted([0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388], random, 0.01);
    }

    static void AssertPrinted(double[] printed, NumpyRandom random, double scale)
    {
        foreach (var value in printed)
        {
            var actual = random.NextGaussian() * scale;
            // numpy prints 8 significant decimals here; agreement to half a unit of the last one.
            Assert.True(Math.Abs(actual - value) <= 0.5e-8 + 1e-15, $"the course prints {value}, NumpyRandom gives {actual:R}");
        }
    }

    static void AssertSameDouble(double expected, double actual, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{what}: numpy {expected:R}, NumpyRandom {actual:R}");

    static double ReadDouble(byte[] bytes, int index) => BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(index * 8));
}

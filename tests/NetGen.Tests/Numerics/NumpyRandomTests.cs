using System;
using System.Buffers.Binary;
using System.IO;
using NetGen.Numerics;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// <see cref="NumpyRandom"/> against numpy's legacy global generator: every value bit for bit, read back from
/// the raw bytes numpy writes, plus the values the course prints.
/// </summary>
public sealed class NumpyRandomTests
{
    static readonly uint[] Seeds = [0, 1, 3, 42, uint.MaxValue];

    [Fact]
    public void NextUInt32_MatchesNumpysMersenneTwisterOutputs()
    {
        const int count = 2000; // more than 624, so the state is regenerated several times
        var expected = RunNumpy($$"""
            import sys, numpy as np
            with open(sys.argv[1], 'wb') as out:
                for seed in {{SeedList}}:
                    np.random.seed(seed)
                    out.write(np.random.mtrand._rand._bit_generator.random_raw({{count}}).astype('<u4').tobytes())
            """);

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
        var expected = RunNumpy($$"""
            import sys, numpy as np
            with open(sys.argv[1], 'wb') as out:
                for seed in {{SeedList}}:
                    np.random.seed(seed)
                    out.write(np.random.random_sample({{count}}).astype('<f8').tobytes())
            """);

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
        var expected = RunNumpy($$"""
            import sys, numpy as np
            with open(sys.argv[1], 'wb') as out:
                for seed in {{SeedList}}:
                    np.random.seed(seed)
                    out.write(np.random.randn({{count}}).astype('<f8').tobytes())
            """);

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
        var expected = RunNumpy("""
            import sys, numpy as np
            np.random.seed(7)
            parts = [np.random.randn(3), np.random.randn(2), np.random.randn(1), np.random.random_sample(3), np.random.randn(1), np.random.randn(4)]
            np.random.seed(7)
            assert np.array_equal(np.concatenate(parts[:2]), np.random.randn(5))
            with open(sys.argv[1], 'wb') as out:
                out.write(np.concatenate(parts).astype('<f8').tobytes())
            """);

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
        var expected = RunNumpy("""
            import sys, numpy as np
            np.random.seed(1)
            a = (np.random.randn(3, 5) * 0.01).astype(np.float32)
            b = (np.random.randn(7) * np.sqrt(2 / 5)).astype(np.float32)
            c = (np.random.randn(2, 2) * 1.0).astype(np.float32)
            with open(sys.argv[1], 'wb') as out:
                for part in (a, b, c):
                    out.write(part.astype('<f4').tobytes())
            """);

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

    const string SeedList = "(0, 1, 3, 42, 2**32 - 1)";

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

    /// <summary>Runs <paramref name="script"/> with a temporary file path as <c>sys.argv[1]</c> and returns what it wrote there.</summary>
    static byte[] RunNumpy(string script)
    {
        var path = Path.Combine(Path.GetTempPath(), $"netgen-numpy-random-{Guid.NewGuid():N}.bin");
        try
        {
            Python.Run(script, path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

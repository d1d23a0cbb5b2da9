using System;
using System.Linq;
using NetGen.IO;
using NetGen.Kernels;
using NetGen.Numerics;
using NetGen.Tests.Infrastructure;
using NetGen.Tests.Numerics;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>The update rules and the shuffling against numpy (Fixtures/Optimizers, written by tests/fixtures/optimizers.py).</summary>
public sealed class OptimizerStepTests
{
    // The fixture's settings (tests/fixtures/optimizers.py).
    const float LearningRate = 0.01f, Beta = 0.9f, Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;

    static (float[] Parameter, float[][] Gradients, double[][] Momentum, double[][] Adam) Steps()
    {
        var arrays = Npz.Read(Fixture.Path("Optimizers/steps.npz"));
        var parameter = arrays["parameter"].ToSingleArray();
        int n = parameter.Length;
        float[][] Rows(float[] flat) => Enumerable.Range(0, flat.Length / n).Select(t => flat.AsSpan(t * n, n).ToArray()).ToArray();
        double[][] RowsD(double[] flat) => Enumerable.Range(0, flat.Length / n).Select(t => flat.AsSpan(t * n, n).ToArray()).ToArray();
        return (parameter, Rows(arrays["gradients"].ToSingleArray()), RowsD(arrays["momentum"].ToDoubleArray()), RowsD(arrays["adam"].ToDoubleArray()));
    }

    [Fact]
    public void Momentum_MatchesNumpyAfterEveryStep()
    {
        var (parameter, gradients, expected, _) = Steps();
        var velocity = new float[parameter.Length];
        for (var t = 0; t < gradients.Length; t++)
        {
            OptimizerSteps.Momentum(parameter, gradients[t], velocity, Beta, LearningRate);
            NumericAssert.Close(expected[t], parameter, 1e-6, $"momentum, step {t + 1}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public void Adam_WithBiasCorrection_MatchesNumpyAtStep(int step)
    {
        var (parameter, gradients, _, expected) = Steps();
        float[] first = new float[parameter.Length], second = new float[parameter.Length];
        for (var t = 1; t <= step; t++)
            OptimizerSteps.Adam(parameter, gradients[t - 1], first, second, Beta1, Beta2, Epsilon, LearningRate, t);
        NumericAssert.Close(expected[step - 1], parameter, 1e-6, $"Adam, step {step}");
    }

    [Fact]
    public void ParameterUpdater_AppliesTheChosenRuleWithItsStepCounter()
    {
        var (parameter, gradients, momentum, adam) = Steps();
        foreach (var (optimizer, expected) in new[] { (Optimizer.Momentum, momentum), (Optimizer.Adam, adam) })
        {
            var options = new TrainingOptions { Optimizer = optimizer, LearningRate = LearningRate, Beta = Beta, Beta1 = Beta1, Beta2 = Beta2, Epsilon = Epsilon };
            // Two parameter arrays, the second a copy of the first: each keeps its own state, both end where numpy's does.
            float[] p = (float[])parameter.Clone(), q = (float[])parameter.Clone(), dp = new float[p.Length], dq = new float[q.Length];
            var updater = new ParameterUpdater(options, [p, q], [dp, dq]);
            for (var t = 0; t < gradients.Length; t++)
            {
                gradients[t].CopyTo(dp, 0);
                gradients[t].CopyTo(dq, 0);
                updater.Step();
            }
            Assert.Equal(gradients.Length, updater.Steps);
            NumericAssert.Close(expected[^1], p, 1e-6, $"{optimizer} through the updater");
            NumericAssert.Close(expected[^1], q, 1e-6, $"{optimizer} through the updater, second array");
        }
    }

    [Fact]
    public void ParameterUpdater_AdamOnAShortArraysNetwork_EndsWhereNumpysDoes()
    {
        // numpy's 37 floats cut into arrays of the moons' lengths (10, 5, 10, 2, 2, 1) and 7: short arrays, so the
        // updater runs them packed end to end (PackedArrays), and each must still end on its own elements of numpy's.
        var (parameter, gradients, _, adam) = Steps();
        int[] lengths = [10, 5, 10, 2, 2, 1, 7];
        Assert.Equal(parameter.Length, lengths.Sum());
        int[] starts = lengths.Select((_, i) => lengths.Take(i).Sum()).ToArray();
        float[][] p = lengths.Select((n, i) => parameter.AsSpan(starts[i], n).ToArray()).ToArray();
        float[][] dp = lengths.Select(n => new float[n]).ToArray();
        var options = new TrainingOptions { Optimizer = Optimizer.Adam, LearningRate = LearningRate, Beta1 = Beta1, Beta2 = Beta2, Epsilon = Epsilon };
        var updater = new ParameterUpdater(options, p, dp);
        foreach (var gradient in gradients)
        {
            for (var i = 0; i < lengths.Length; i++) gradient.AsSpan(starts[i], lengths[i]).CopyTo(dp[i]);
            updater.Step();
        }
        for (var i = 0; i < lengths.Length; i++)
            NumericAssert.Close(adam[^1].AsSpan(starts[i], lengths[i]).ToArray(), p[i], 1e-6, $"Adam, array {i} of {lengths[i]} floats");
    }

    [Fact]
    public void ParameterUpdater_RefusesGradientsOfAnotherShape()
    {
        var options = new TrainingOptions();
        var error = Assert.Throws<ArgumentException>(() => new ParameterUpdater(options, [new float[3], new float[2]], [new float[3], new float[1]]));
        Assert.Contains("gradients[1] must have length 2, but its length is 1", error.Message);
        Assert.Throws<ArgumentException>(() => new ParameterUpdater(options, [new float[3]], []));
    }

    [Fact]
    public void Permutation_IsNumpysBitForBit()
    {
        var arrays = Npz.Read(Fixture.Path("Optimizers/permutations.npz"));
        Assert.NotEmpty(arrays);
        foreach (var (name, array) in arrays)
        {
            var parts = name.Replace("seed", "").Split("_m");
            var (seed, m) = (uint.Parse(parts[0]), int.Parse(parts[1]));
            var actual = new int[m];
            new NumpyRandom(seed).Permutation(actual);
            Assert.Equal(array.ToInt64Array(), actual.Select(v => (long)v).ToArray());
        }
    }

    [Fact]
    public void SeedConsecutive_SeedsEachGeneratorAsNumpysSeedOfItsOwn()
    {
        // Seeds 11 and 12 are the fixture's; the generators after them (seeded side by side, in vector lanes) must
        // match one another's one-at-a-time seeding too, and a count that is not a whole number of vectors takes both paths.
        var arrays = Npz.Read(Fixture.Path("Optimizers/permutations.npz"));
        foreach (var count in new[] { 1, 2, 3, 9, 17, 33 })
        {
            var generators = Enumerable.Range(0, count).Select(_ => new NumpyRandom(99)).ToArray();
            generators[0].NextGaussian(); // a cached Gaussian is forgotten
            NumpyRandom.SeedConsecutive(generators, 11);
            for (var k = 0; k < count; k++)
            {
                var actual = new int[300];
                generators[k].Permutation(actual);
                if (k < 2)
                    Assert.Equal(arrays[$"seed{11 + k}_m300"].ToInt64Array(), actual.Select(v => (long)v).ToArray());
                var alone = new NumpyRandom((uint)(11 + k));
                alone.Permutation(new int[300]);
                for (var i = 0; i < 700; i++) Assert.Equal(alone.NextUInt32(), generators[k].NextUInt32());
            }
        }
        var wrapping = new[] { new NumpyRandom(0), new NumpyRandom(0) };
        NumpyRandom.SeedConsecutive(wrapping, uint.MaxValue);
        Assert.Equal(new NumpyRandom(0).NextUInt32(), wrapping[1].NextUInt32());
    }

    [Fact]
    public void MiniBatches_ShuffleEveryEpochAsTheCourseReseedsIt()
    {
        // Seeds 11, 12 and 10010: epochs 0, 1 and 9999 with ShuffleSeed 10, taken in order, out of order and again.
        var arrays = Npz.Read(Fixture.Path("Optimizers/permutations.npz"));
        var batches = new MiniBatches(64, shuffleSeed: 10, 300, inputSize: 2, outputSize: 1);
        foreach (var epoch in new[] { 0, 1, 9999, 1, 1, 0 })
        {
            batches.Shuffle(epoch);
            Assert.Equal(arrays[$"seed{epoch + 11}_m300"].ToInt64Array(), batches.Permutation.ToArray().Select(v => (long)v).ToArray());
        }
        for (var epoch = 0; epoch < 20; epoch++) batches.Shuffle(epoch);
        var last = new int[300];
        new NumpyRandom(10 + 19 + 1).Permutation(last);
        Assert.Equal(last, batches.Permutation.ToArray());
    }

    [Fact]
    public void Seed_RestartsTheStreamAsANewGenerator()
    {
        var reused = new NumpyRandom(5);
        reused.NextGaussian();
        reused.Seed(12);
        var fresh = new NumpyRandom(12);
        for (var i = 0; i < 5; i++) Assert.Equal(fresh.NextGaussian(), reused.NextGaussian());
    }

    [Fact]
    public void MiniBatches_GatherTheCoursesShuffledBatchesWithTheLastSmaller()
    {
        const int m = 300, size = 64;
        var x = Enumerable.Range(0, m * 2).Select(v => (float)v).ToArray();
        var y = Enumerable.Range(0, m).Select(v => (float)v).ToArray();
        var batches = new MiniBatches(size, shuffleSeed: 10, m, inputSize: 2, outputSize: 1);
        Assert.Equal(5, batches.Count);
        Assert.Equal(size, batches.Capacity);
        batches.Shuffle(epoch: 0);
        // Epoch 0 uses seed 10 + 0 + 1, as the course's model() does.
        var expected = Npz.Read(Fixture.Path("Optimizers/permutations.npz"))["seed11_m300"].ToInt64Array();
        for (var b = 0; b < batches.Count; b++)
        {
            int n = batches.Size(b);
            Assert.Equal(b < 4 ? size : m - 4 * size, n);
            var xb = batches.Inputs(b, x).ToArray();
            var yb = batches.Labels(b, y).ToArray();
            for (var r = 0; r < n; r++)
            {
                var example = (int)expected[b * size + r];
                Assert.Equal(new[] { 2f * example, 2f * example + 1 }, xb.AsSpan(2 * r, 2).ToArray());
                Assert.Equal(example, yb[r]);
            }
        }
    }

    [Theory]
    [InlineData(2, 64)]   // the moons: whole blocks of two features go through the hardware gathers
    [InlineData(3, 64)]
    [InlineData(1, 7)]
    [InlineData(2, 0)]    // the whole batch, in order
    public void MiniBatches_BlockedInputs_PutEachShuffledExampleInItsLane(int width, int size)
    {
        const int m = 300, lanes = 16;
        var x = Enumerable.Range(0, m * width).Select(v => (float)v + 0.5f).ToArray();
        var batches = new MiniBatches(size, shuffleSeed: 10, m, inputSize: width, outputSize: 1, blockedInputs: true);
        foreach (var epoch in new[] { 0, 1 })
        {
            batches.Shuffle(epoch);
            // Epoch e uses seed 10 + e + 1, as the course's model() does; the whole batch keeps the examples in order.
            var order = size == 0
                ? Enumerable.Range(0, m).Select(i => (long)i).ToArray()
                : Npz.Read(Fixture.Path("Optimizers/permutations.npz"))[$"seed{epoch + 11}_m300"].ToInt64Array();
            for (var b = 0; b < batches.Count; b++)
            {
                int n = batches.Size(b), blocks = (n + lanes - 1) / lanes;
                var blocked = batches.BlockedInputs(b, x).ToArray();
                Assert.Equal(blocks * lanes * width, blocked.Length);
                for (var i = 0; i < blocks * lanes; i++)
                    for (var k = 0; k < width; k++)
                    {
                        // Example i of the batch, feature k, sits at lane i % 16 of row k of block i / 16; lanes past n hold 0.
                        float expected = i < n ? x[order[b * Math.Max(size, 1) + i] * width + k] : 0f;
                        Assert.Equal(expected, blocked[i / lanes * lanes * width + k * lanes + i % lanes]);
                    }
            }
        }
    }

    [Fact]
    public void MiniBatches_WithoutRoomForBlockedInputs_SayWhatIsMissing()
    {
        var batches = new MiniBatches(64, 10, 300, 2, 1);
        batches.Shuffle(0);
        var error = Assert.Throws<InvalidOperationException>(() => batches.BlockedInputs(0, new float[600]).ToArray());
        Assert.Contains("blockedInputs: true", error.Message);
    }

    [Fact]
    public void MiniBatches_OfZero_AreTheWholeBatchInOrder()
    {
        var x = new float[] { 1, 2, 3, 4, 5, 6 };
        var batches = new MiniBatches(0, 10, 3, 2, 1);
        batches.Shuffle(0);
        Assert.Equal(1, batches.Count);
        Assert.True(batches.Inputs(0, x) == (ReadOnlySpan<float>)x);
    }
}

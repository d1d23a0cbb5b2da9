using System;
using System.Linq;
using System.Threading;
using NetGen.IO;
using NetGen.Kernels;
using NetGen.Tests.Infrastructure;
using NetGen.Tests.Numerics;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// Shuffling ahead on a spare core gives numpy's permutations (Fixtures/Optimizers/epochs.npz, written by
/// tests/fixtures/optimizers.py: the course's reseed and permutation for 3000 consecutive epochs) whatever the path, and
/// its thread never outlives the batches. Runs in the thread-count collection: it changes <see cref="WorkSplitter.ThreadCount"/>.
/// </summary>
[Collection(nameof(ThreadCountCollection))]
public sealed class ShuffleAheadTests
{
    public static TheoryData<int, int, int> Runs() => new()
    {
        { 10, 300, 64 }, { 10, 300, 300 }, { 0, 2, 1 }, { 3, 7, 3 }, { 10, 64, 16 }, { 42, 1000, 128 },
    };

    static readonly Lazy<System.Collections.Generic.Dictionary<string, long[]>> Epochs =
        new(() => Npz.Read(Fixture.Path("Optimizers/epochs.npz")).ToDictionary(a => a.Key, a => a.Value.ToInt64Array()));

    /// <summary>numpy's epoch <paramref name="epoch"/> of the run, as its first entries and fingerprint.</summary>
    static void AssertNumpys(int shuffleSeed, int m, int epoch, ReadOnlySpan<int> actual)
    {
        var key = $"s{shuffleSeed}_m{m}";
        var head = Epochs.Value[key + "_head"];
        int width = Math.Min(m, 8);
        var expectedHead = head.AsSpan(epoch * width, width).ToArray();
        Assert.Equal(expectedHead, actual[..width].ToArray().Select(v => (long)v).ToArray());
        long dot = 0;
        for (var i = 0; i < m; i++) dot += (long)actual[i] * i * i;
        Assert.True(Epochs.Value[key + "_dot"][epoch] == dot, $"epoch {epoch} of {key}: not numpy's permutation");
    }

    static T WithThreads<T>(int threads, Func<T> run)
    {
        var original = WorkSplitter.ThreadCount;
        try
        {
            WorkSplitter.ThreadCount = threads;
            return run();
        }
        finally
        {
            WorkSplitter.ThreadCount = original;
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void AheadAndSynchronousShuffles_AreNumpysForThousandsOfEpochs(int shuffleSeed, int m, int size)
    {
        const int epochs = 3000;
        // The worker alone (the small sets are below the threshold MiniBatches starts it from).
        using (var ahead = new ShuffleAhead(m, shuffleSeed, epochs, seededTogether: 16))
        {
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                SpinWait.SpinUntil(() => ahead.IsReady(epoch));
                AssertNumpys(shuffleSeed, m, epoch, ahead.TryTake(epoch) ?? throw new InvalidOperationException($"epoch {epoch} not taken"));
            }
        }
        // Taken without waiting: the epochs not ready yet are the caller's to compute and the worker skips them; every
        // one it hands over is still numpy's.
        using (var racing = new ShuffleAhead(m, shuffleSeed, epochs, seededTogether: 16))
        {
            for (var epoch = 0; epoch < epochs; epoch++)
                if (racing.TryTake(epoch) is { } taken) AssertNumpys(shuffleSeed, m, epoch, taken);
        }
        var x = Enumerable.Range(0, m).Select(v => (float)v).ToArray();
        foreach (var threads in new[] { 1, 2 })
        {
            using var batches = WithThreads(threads, () => new MiniBatches(size, shuffleSeed, m, inputSize: 1, outputSize: 1, epochs));
            Assert.Equal(threads > 1 && ShuffleAhead.IsWorthStarting(epochs, m), batches.ShufflesAhead);
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                batches.Shuffle(epoch);
                AssertNumpys(shuffleSeed, m, epoch, batches.Permutation);
                if (epoch % 500 != 0) continue;
                // The batches gather the examples in the permutation's order, the last one smaller.
                for (var b = 0; b < batches.Count; b++)
                {
                    var expected = batches.Permutation.Slice(b * size, batches.Size(b)).ToArray().Select(v => (float)v);
                    Assert.Equal(expected, batches.Inputs(b, x).ToArray());
                }
            }
        }
    }

    [Fact]
    public void OutOfOrderAndRepeatedEpochs_AreComputedAsTheCourseReseeds()
    {
        using var batches = WithThreads(2, () => new MiniBatches(64, shuffleSeed: 10, 300, 2, 1, epochs: 3000));
        Assert.True(batches.ShufflesAhead);
        foreach (var epoch in new[] { 0, 1, 2, 5, 3, 3, 2999, 4, 100, 5, 6, 2998, 2999, 7 })
        {
            batches.Shuffle(epoch);
            AssertNumpys(10, 300, epoch, batches.Permutation);
        }
    }

    [Fact]
    public void Dispose_DuringAndAfterARun_EndsTheWorkersThread()
    {
        using var during = WithThreads(2, () => new MiniBatches(64, shuffleSeed: 10, 300, 2, 1, epochs: 3000));
        for (var epoch = 0; epoch < 3; epoch++) during.Shuffle(epoch);
        Thread.Sleep(20); // the worker has filled its ring and waits, sleeping
        Assert.True(during.ShufflesAhead);
        during.Dispose();
        Assert.False(during.ShufflesAhead);
        AssertNumpys(10, 300, 2, during.Permutation); // the current epoch's permutation stays
        during.Shuffle(3); // later epochs are computed here
        AssertNumpys(10, 300, 3, during.Permutation);
        during.Dispose();

        // More epochs than the ring holds, so the worker cannot have ended (run through them all) before it is looked at.
        var after = WithThreads(2, () => new MiniBatches(64, shuffleSeed: 10, 300, 2, 1, epochs: 3000));
        Assert.True(after.ShufflesAhead);
        for (var epoch = 0; epoch < 3000; epoch++) after.Shuffle(epoch);
        after.Dispose();
        Assert.False(after.ShufflesAhead);
        AssertNumpys(10, 300, 2999, after.Permutation);
    }

    [Fact]
    public void OneThreadOrAShortRun_StartsNoWorker()
    {
        using var one = WithThreads(1, () => new MiniBatches(64, shuffleSeed: 10, 300, 2, 1, epochs: 10000));
        Assert.False(one.ShufflesAhead);
        using var shortRun = WithThreads(2, () => new MiniBatches(64, shuffleSeed: 10, 300, 2, 1, epochs: 10));
        Assert.False(shortRun.ShufflesAhead);
        using var wholeBatch = WithThreads(2, () => new MiniBatches(0, shuffleSeed: 10, 300, 2, 1, epochs: 10000));
        Assert.False(wholeBatch.ShufflesAhead);
        using var unknown = WithThreads(2, () => new MiniBatches(64, shuffleSeed: 10, 300, 2, 1));
        Assert.False(unknown.ShufflesAhead);
    }

    [Fact]
    public void MoonsAdamTraining_GivesTheSameBitsWithOneAndTwoThreads()
    {
        var (x, y) = Moons.Load();
        var (costs1, output1) = WithThreads(1, () => Train(x, y));
        var (costs2, output2) = WithThreads(2, () => Train(x, y));
        Assert.Equal(costs1, costs2);
        NumericAssert.Identical(output1, output2, "the trained network's outputs");

        static (float[] Costs, float[] Output) Train(float[] x, float[] y)
        {
            var net = new MoonsNet();
            net.InitializeParameters(3, WeightInit.He);
            var result = net.Train(x, y, new TrainingOptions { Epochs = 2000, MiniBatchSize = 64, Optimizer = Optimizer.Adam, LearningRate = 0.0007f, ReportEvery = 10 });
            var output = new float[y.Length];
            net.Predict(x, output);
            return (result.Costs.Select(c => c.Cost).ToArray(), output);
        }
    }
}

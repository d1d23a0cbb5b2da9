using System;
using System.Linq;
using NetGen.Tests.Infrastructure;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// Mini-batch training allocates per call, never per step or epoch. Measured alone: in a full run on a bare machine
/// the 200-epoch rounds once counted 488 bytes more than the 10-epoch ones while other tests ran beside it, and on a
/// loaded machine the 10-epoch rounds 128 bytes more, though never when it ran on its own (cause not pinned down; a
/// one-off allocation, not one per step): the per-thread counter is only trustworthy without neighbours.
/// </summary>
[Collection(nameof(AllocationCollection))]
public sealed class MiniBatchAllocationTests
{
    [Fact]
    public void MiniBatchTraining_AllocatesNothingPerStepOrEpoch()
    {
        var data = Moons.Load();
        // 200 epochs are 1000 steps, 2000 epochs 10000: the same bytes (the per-call buffers, the thread shuffling ahead
        // when there are two, and the result) for both. Both runs are long enough for that thread (ShuffleAhead.IsWorthStarting).
        var (few, many) = (Training(200), Training(2000));
        // Warm until the JIT has settled (it optimises a method after 30 calls and a 100 ms delay, and the first
        // calls into newly optimised code can allocate once), then interleave the rounds and keep each one's fewest
        // bytes, so a one-off allocation in either (seen only on a loaded machine) cannot decide the comparison.
        var settle = System.Diagnostics.Stopwatch.StartNew();
        do { few(); many(); } while (settle.ElapsedMilliseconds < 500);
        long fewest = long.MaxValue, fewestMany = long.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            fewest = Math.Min(fewest, Allocated(few));
            fewestMany = Math.Min(fewestMany, Allocated(many));
        }
        Assert.Equal(fewest, fewestMany);

        Action Training(int epochs)
        {
            var net = new MoonsNet();
            net.InitializeParameters(3, WeightInit.He);
            var options = new TrainingOptions { Epochs = epochs, MiniBatchSize = 64, Optimizer = Optimizer.Adam, L2 = 0.01f, KeepProbability = 0.9f, LearningRate = 0.0007f, ReportEvery = 100_000 };
            return () => net.Train(data.X, data.Y, options);
        }
    }

    static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

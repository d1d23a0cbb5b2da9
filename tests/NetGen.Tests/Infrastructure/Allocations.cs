using System;
using Xunit;

namespace NetGen.Tests.Infrastructure;

/// <summary>How many bytes warm calls allocate on the calling thread, for the tests that hold code to zero.</summary>
public static class Allocations
{
    /// <summary>
    /// Bytes allocated by this thread over <paramref name="times"/> calls, after two untimed calls (JIT, scratch):
    /// the fewest of five rounds. The runtime itself may allocate once on a calling thread (e.g. when a method is
    /// promoted to optimised code), but an allocation of ours would show in every round.
    /// </summary>
    public static long OfWarmCalls(int times, Action action)
    {
        action();
        action();
        var fewest = long.MaxValue;
        for (var round = 0; round < 5 && fewest > 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < times; i++) action();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}

/// <summary>Allocation measurements, run when no other test runs.</summary>
[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection;

using System;
using System.Threading;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>The per-thread arrays callers hold across jobs: reused, best fit, never shared between threads, kept through GCs.</summary>
public sealed class KernelScratchTests
{
    /// <summary>Runs <paramref name="body"/> on a fresh thread, so earlier tests' arrays on the test thread play no part.</summary>
    static void OnFreshThread(Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() => { try { body(); } catch (Exception e) { failure = e; } });
        thread.Start();
        thread.Join();
        if (failure is not null) throw new Xunit.Sdk.XunitException(failure.ToString());
    }

    [Fact]
    public void Rent_AfterReturn_GivesTheSameArrayBack_EvenAfterFullCollections()
    {
        OnFreshThread(() =>
        {
            var first = KernelScratch.Rent(1000);
            Assert.True(first.Length >= 1000);
            KernelScratch.Return(first);
            // ArrayPool.Shared drops its thread caches on a gen-2 collection under memory pressure; these arrays stay.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var again = KernelScratch.Rent(1000);
            KernelScratch.Return(again);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Same(first, again);
        });
    }

    [Fact]
    public void NestedRents_GetDistinctArrays_AndTheSmallestThatFits()
    {
        OnFreshThread(() =>
        {
            var big = KernelScratch.Rent(5000);
            var small = KernelScratch.Rent(100);
            Assert.NotSame(big, small);
            KernelScratch.Return(small);
            KernelScratch.Return(big);

            Assert.Same(small, KernelScratch.Rent(50));
            Assert.Same(big, KernelScratch.Rent(101));
            // Both held now: a third caller gets a new array.
            var third = KernelScratch.Rent(10);
            Assert.NotSame(small, third);
            Assert.NotSame(big, third);
        });
    }

    [Fact]
    public void ASecondThread_NeverGetsThisThreadsArray()
    {
        float[]? mine = null, theirs = null;
        OnFreshThread(() =>
        {
            mine = KernelScratch.Rent(64);
            KernelScratch.Return(mine);
            var other = new Thread(() => theirs = KernelScratch.Rent(64));
            other.Start();
            other.Join();
        });
        Assert.NotSame(mine, theirs);
    }

    [Fact]
    public void WhenEverySlotIsFull_TheShortestGivesWayToALongerArray_AndRentsSettle()
    {
        OnFreshThread(() =>
        {
            // More arrays held at once than there are slots: the returns keep the longest ones.
            var held = new float[12][];
            for (int i = 0; i < held.Length; i++) held[i] = KernelScratch.Rent(100 * (i + 1));
            for (int i = 0; i < held.Length; i++) KernelScratch.Return(held[i]);
            var longest = KernelScratch.Rent(1200);
            Assert.Same(held[^1], longest);
            KernelScratch.Return(longest);

            // Three nested rents of the same sizes, twice: the second round allocates nothing.
            for (int round = 0; round < 2; round++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var a = KernelScratch.Rent(300);
                var b = KernelScratch.Rent(700);
                var c = KernelScratch.Rent(1100);
                KernelScratch.Return(c);
                KernelScratch.Return(b);
                KernelScratch.Return(a);
                if (round == 1) Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        });
    }

    [Fact]
    public void Rent_OfANegativeLength_IsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => KernelScratch.Rent(-1));
        Assert.Equal("minimumLength", e.ParamName);
    }
}

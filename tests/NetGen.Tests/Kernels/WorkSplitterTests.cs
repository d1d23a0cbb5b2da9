using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>The runtime's work splitter: every item exactly once, from any number of callers, errors surfaced.</summary>
public sealed class WorkSplitterTests
{
    /// <summary>What the test kernels record: how often each item ran and on which thread.</summary>
    sealed class Record
    {
        public Record(int items) => (Runs, Threads) = (new int[items], new int[items]);

        public int[] Runs { get; }

        public int[] Threads { get; }

        public int ThrowAt { get; init; } = -1;
    }

    /// <summary>Writes item * scale + examples into buffer 0 at the item's index and counts the run.</summary>
    readonly struct WriteItem : IWorkKernel
    {
        public static void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            var record = (Record)args.State!;
            if (item == record.ThrowAt) throw new InvalidOperationException($"item {item} failed");
            Interlocked.Increment(ref record.Runs[item]);
            record.Threads[item] = Environment.CurrentManagedThreadId;
            System.Runtime.CompilerServices.Unsafe.Add(ref args.Buffer(0), item) = item * args.Scale + args.Examples;
            // Some work, so that both threads get a share.
            var sink = 0.0;
            for (var i = 0; i < 2000; i++) sink += Math.Sqrt(i + item);
            scratch[0] = (float)sink;
        }
    }

    /// <summary>Reports the scratch each item got: its length and whether it is 64-byte aligned.</summary>
    readonly struct InspectScratch : IWorkKernel
    {
        public static unsafe void Run(int item, in KernelArgs args, Span<float> scratch)
        {
            fixed (float* start = scratch)
                System.Runtime.CompilerServices.Unsafe.Add(ref args.Buffer(0), item) = scratch.Length >= args.Examples && (nuint)start % 64 == 0 ? 1f : -1f;
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(1, 37)]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    [InlineData(2, 64)]
    [InlineData(3, 100)]
    [InlineData(4, 7)]
    public void EveryItemRunsExactlyOnce(int threads, int items)
    {
        var output = new float[items];
        var record = new Record(items);
        RunWithThreads(threads, () => WorkSplitter.Run<WriteItem>(items, true, 16, 5, 2f, output, state: record));
        Assert.All(record.Runs, runs => Assert.Equal(1, runs));
        Assert.Equal(Enumerable.Range(0, items).Select(i => i * 2f + 5), output);
    }

    [Fact]
    public void NotParallel_RunsEverythingOnTheCallingThread()
    {
        var output = new float[40];
        var record = new Record(40);
        RunWithThreads(2, () => WorkSplitter.Run<WriteItem>(40, false, 16, 0, 1f, output, state: record));
        Assert.All(record.Threads, thread => Assert.Equal(Environment.CurrentManagedThreadId, thread));
    }

    [Fact]
    public void TwoThreads_ShareTheItemsOfALargeJob()
    {
        // The worker may be slow to wake on a loaded machine: repeat, and ask only that it took part at least once.
        var shared = false;
        RunWithThreads(2, () =>
        {
            for (var attempt = 0; attempt < 200 && !shared; attempt++)
            {
                var record = new Record(64);
                WorkSplitter.Run<WriteItem>(64, true, 16, 0, 1f, new float[64], state: record);
                shared = record.Threads.Distinct().Count() > 1;
            }
        });
        Assert.True(shared, "In 200 jobs of 64 items, no item ran on the worker thread.");
    }

    [Fact]
    public async Task ConcurrentCallers_EachGetAllTheirItems()
    {
        const int callers = 8, items = 33;
        var outputs = Enumerable.Range(0, callers).Select(_ => new float[items]).ToArray();
        var records = Enumerable.Range(0, callers).Select(_ => new Record(items)).ToArray();
        using var start = new Barrier(callers);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var round = 0; round < 20; round++) WorkSplitter.Run<WriteItem>(items, true, 16, c, 1f, outputs[c], state: records[c]);
        }, TaskCreationOptions.LongRunning)));
        for (var c = 0; c < callers; c++)
        {
            Assert.All(records[c].Runs, runs => Assert.Equal(20, runs));
            Assert.Equal(Enumerable.Range(0, items).Select(i => (float)(i + c)), outputs[c]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AnItemsExceptionReachesTheCallerAndTheSplitterStillWorks(int threads)
    {
        RunWithThreads(threads, () =>
        {
            var failing = new Record(50) { ThrowAt = 31 };
            var error = Assert.Throws<InvalidOperationException>(() => WorkSplitter.Run<WriteItem>(50, true, 16, 0, 1f, new float[50], state: failing));
            Assert.Equal("item 31 failed", error.Message);

            var record = new Record(50);
            WorkSplitter.Run<WriteItem>(50, true, 16, 0, 1f, new float[50], state: record);
            Assert.All(record.Runs, runs => Assert.Equal(1, runs));
        });
    }

    [Fact]
    public void Items_GetAlignedScratchOfAtLeastTheRequestedLength()
    {
        const int length = 100_003;
        var output = new float[64];
        RunWithThreads(2, () => WorkSplitter.Run<InspectScratch>(64, true, length, length, 0f, output));
        Assert.All(output, ok => Assert.Equal(1f, ok));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void ThreadCountOutsideOneTo64IsRefused(int count)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => WorkSplitter.ThreadCount = count);
        Assert.Equal("value", error.ParamName);
    }

    static void RunWithThreads(int threads, Action action)
    {
        var before = WorkSplitter.ThreadCount;
        WorkSplitter.ThreadCount = threads;
        try
        {
            action();
        }
        finally
        {
            WorkSplitter.ThreadCount = before;
        }
    }
}

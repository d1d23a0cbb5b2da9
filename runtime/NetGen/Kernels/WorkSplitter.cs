using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen.Kernels;

/// <summary>
/// Spreads the work items of a large layer over the cores: the calling thread and persistent background workers
/// claim items one at a time until none is left, each first from its own share of the items (the same share of the
/// same job every time, so the weights a share reads stay in that core's L2 from one call to the next), then from the
/// others' shares. Nothing is allocated per job (the workers, their scratch and the
/// job's state are made once), and because every item writes its own outputs with a fixed summation order, the
/// results are the same bits whatever the number of threads and whichever thread runs which item.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class WorkSplitter
{
    static readonly object gate = new();
    static int threadCount = Math.Clamp(Environment.ProcessorCount, 1, 64);
    static Worker[] workers = Array.Empty<Worker>();

    // The job being run. Written by the owner before it publishes a new generation in `state`, read by workers
    // only after they have claimed an item of that generation, so they never see a half-written job.
    static int busy;
    static long state;
    static int generation;
    static int helperCount;
    // Thread t's share of a job's n items, [t * n / threads, (t + 1) * n / threads): at t * ShareStride its next
    // unclaimed item, after it its end, both tagged with the job (job << 32 | item) so that a thread still looking for
    // work of an earlier job finds none. A cache line per thread.
    const int ShareStride = 8;
    static readonly long[] shares = new long[64 * ShareStride];
    static int remaining;
    static int jobScratch;
    static KernelArgs jobArgs;
    static delegate*<int, in KernelArgs, Span<float>, void> jobKernel;
    static ExceptionDispatchInfo? failure;

    /// <summary>
    /// The fewest multiply-adds a job should have to run on more than one core: waking another core costs about a
    /// microsecond, so smaller jobs stay on the calling thread (the dense layers' items and generated batch Predict use it).
    /// </summary>
    public const long MinParallelMultiplyAdds = 1 << 17;

    /// <summary>
    /// The number of threads a job may use, the caller's included: by default the number of processors.
    /// 1 runs everything on the calling thread. Results do not depend on it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not 1 to 64.</exception>
    public static int ThreadCount
    {
        get => Volatile.Read(ref threadCount);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 64);
            Volatile.Write(ref threadCount, value);
        }
    }

    /// <summary>
    /// Runs items 0 to <paramref name="itemCount"/> - 1 of <typeparamref name="TKernel"/>, on this thread alone when
    /// <paramref name="parallel"/> is false, there is one item, <see cref="ThreadCount"/> is 1 or another job is
    /// running, else on this thread and the workers together. Returns when every item is done; the buffers stay
    /// pinned until then.
    /// </summary>
    /// <param name="itemCount">The number of work items, 0 or more.</param>
    /// <param name="parallel">Whether the job is large enough to pay for waking other cores.</param>
    /// <param name="scratchLength">The floats of scratch each item needs.</param>
    /// <param name="examples">Passed to the kernel as <see cref="KernelArgs.Examples"/>.</param>
    /// <param name="scale">Passed to the kernel as <see cref="KernelArgs.Scale"/>.</param>
    /// <param name="buffer0">Buffer 0 of <see cref="KernelArgs.Buffer"/>; the kernel may write the buffers its contract says it writes.</param>
    /// <param name="buffer1">Buffer 1.</param>
    /// <param name="buffer2">Buffer 2.</param>
    /// <param name="buffer3">Buffer 3.</param>
    /// <param name="buffer4">Buffer 4.</param>
    /// <param name="buffer5">Buffer 5.</param>
    /// <param name="state">Passed to the kernel as <see cref="KernelArgs.State"/>.</param>
    /// <param name="block">Passed to the kernel as <see cref="KernelArgs.Block"/>.</param>
    public static void Run<TKernel>(int itemCount, bool parallel, int scratchLength, int examples, float scale,
        ReadOnlySpan<float> buffer0, ReadOnlySpan<float> buffer1 = default, ReadOnlySpan<float> buffer2 = default,
        ReadOnlySpan<float> buffer3 = default, ReadOnlySpan<float> buffer4 = default, ReadOnlySpan<float> buffer5 = default,
        object? state = null, int block = 0)
        where TKernel : IWorkKernel
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        ArgumentOutOfRangeException.ThrowIfNegative(scratchLength);
        fixed (float* p0 = buffer0, p1 = buffer1, p2 = buffer2, p3 = buffer3, p4 = buffer4, p5 = buffer5)
        {
            var args = new KernelArgs(p0, p1, p2, p3, p4, p5, examples, scale, state, block);
            var threads = parallel ? Math.Min(ThreadCount, itemCount) : 1;
            // The caller's scratch is grown here on every call, not when it first claims an item: a call whose items a
            // helper all took (the caller descheduled under load) must not leave the allocation to the next call.
            var scratch = KernelScratch.ForCurrentThread(scratchLength);
            if (threads <= 1 || Interlocked.CompareExchange(ref busy, 1, 0) != 0)
            {
                for (var item = 0; item < itemCount; item++) TKernel.Run(item, in args, scratch);
                return;
            }
            try
            {
                RunShared(itemCount, scratchLength, args, &Invoke<TKernel>, threads - 1);
            }
            finally
            {
                Volatile.Write(ref busy, 0);
            }
        }
    }

    static void Invoke<TKernel>(int item, in KernelArgs args, Span<float> scratch) where TKernel : IWorkKernel =>
        TKernel.Run(item, in args, scratch);

    static void RunShared(int itemCount, int scratchLength, KernelArgs args, delegate*<int, in KernelArgs, Span<float>, void> kernel, int helpers)
    {
        var team = Team(helpers);
        jobArgs = args;
        jobKernel = kernel;
        jobScratch = scratchLength;
        failure = null;
        helperCount = helpers;
        Volatile.Write(ref remaining, itemCount);
        var current = unchecked(++generation);
        for (var t = 0; t <= helpers; t++) Volatile.Write(ref shares[t * ShareStride + 1], ((long)current << 32) | (uint)ShareStart(t + 1, itemCount, helpers + 1));
        for (var t = 0; t <= helpers; t++) Volatile.Write(ref shares[t * ShareStride], ((long)current << 32) | (uint)ShareStart(t, itemCount, helpers + 1));
        Interlocked.Exchange(ref state, (long)current << 32);
        for (var i = 0; i < helpers; i++) team[i].Wake();

        Work(current, 0);

        // The helpers finish the items they claimed; yield rather than sleep so a preempted helper gets the core back soon.
        var spinner = new SpinWait();
        while (Volatile.Read(ref remaining) != 0) spinner.SpinOnce(sleep1Threshold: -1);
        jobArgs = default; // keeps no reference to the job's state
        failure?.Throw();
    }

    /// <summary>The first item of thread <paramref name="thread"/>'s share of <paramref name="itemCount"/> items.</summary>
    static int ShareStart(int thread, int itemCount, int threads) => (int)((long)thread * itemCount / threads);

    /// <summary>Claims and runs items of job <paramref name="job"/>, its own share's first, until none is left (none at all if that job is already over).</summary>
    static void Work(int job, int home)
    {
        // The job's fields read before the first claim, so that their cache misses overlap the claim's (a helper finds
        // them all written by another core; measured 2-4% off a cat example's and a 256-example Digits Predict). They
        // are this job's whenever a claim succeeds: the owner writes them before publishing the job, and writes the
        // next job's only after every item of this one is done, which a successful claim (a full fence) precedes.
        var args = jobArgs;
        var kernel = jobKernel;
        int scratchLength = jobScratch;
        Span<float> scratch = default;
        while (TryClaim(job, home, out var item))
        {
            try
            {
                if (scratch.Length < scratchLength) scratch = KernelScratch.ForCurrentThread(scratchLength);
                kernel(item, in args, scratch);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(exception), null);
            }
            finally
            {
                Interlocked.Decrement(ref remaining);
            }
        }
    }

    /// <summary>The next unclaimed item of job <paramref name="job"/>: from thread <paramref name="home"/>'s share, else from the next share that has one.</summary>
    static bool TryClaim(int job, int home, out int item)
    {
        int threads = Volatile.Read(ref helperCount) + 1;
        for (var n = 0; n < threads; n++)
        {
            var share = (home + n) % threads;
            ref var next = ref shares[share * ShareStride];
            var observed = Volatile.Read(ref next);
            var end = Volatile.Read(ref shares[share * ShareStride + 1]);
            while (true)
            {
                item = (int)observed;
                if ((int)(observed >> 32) != job || (int)(end >> 32) != job) return false;
                if (item >= (int)end) break;
                var seen = Interlocked.CompareExchange(ref next, observed + 1, observed);
                if (seen == observed) return true;
                observed = seen;
            }
        }
        item = 0;
        return false;
    }

    static Worker[] Team(int helpers)
    {
        var team = Volatile.Read(ref workers);
        if (team.Length >= helpers) return team;
        lock (gate)
        {
            team = workers;
            if (team.Length < helpers)
            {
                var grown = new Worker[helpers];
                team.CopyTo(grown, 0);
                for (var i = team.Length; i < helpers; i++) grown[i] = new Worker(i + 1);
                Volatile.Write(ref workers, grown);
                team = grown;
            }
        }
        return team;
    }

    /// <summary>A background thread that spins for 200 microseconds after each job (the jobs of a training loop follow each other closely, a few tens of microseconds of serial work apart), then sleeps until woken.</summary>
    sealed class Worker
    {
        static readonly long SpinTicks = Stopwatch.Frequency / 5_000;

        readonly SemaphoreSlim signal = new(0);
        readonly int number;
        int sleeping;

        public Worker(int number)
        {
            this.number = number;
            var thread = new Thread(Loop, maxStackSize: 1 << 20) { IsBackground = true, Name = $"NetGen worker {number}" };
            thread.Start();
        }

        /// <summary>Called after a new job is published: wakes the thread if it went to sleep.</summary>
        public void Wake()
        {
            if (Interlocked.Exchange(ref sleeping, 0) == 1) signal.Release();
        }

        void Loop()
        {
            var seen = (int)(Volatile.Read(ref state) >> 32);
            while (true)
            {
                var job = AwaitJob(seen);
                seen = job;
                // A worker beyond the job's thread count (ThreadCount was lowered) sits this one out.
                if (number <= Volatile.Read(ref helperCount)) Work(job, number);
            }
        }

        int AwaitJob(int seen)
        {
            var start = Stopwatch.GetTimestamp();
            for (var spins = 1; ; spins++)
            {
                var job = (int)(Volatile.Read(ref state) >> 32);
                if (job != seen) return job;
                // The shortest pause between looks (on the Zen 5 cloud machine measured Thread.SpinWait(20) took 2.1 us,
                // half of one example's share of the cat layer, SpinWait(1) 44 ns); the clock, 70 ns a read there, only
                // every 64th time.
                if (spins % 64 != 0 || Stopwatch.GetTimestamp() - start < SpinTicks)
                {
                    Thread.SpinWait(1);
                    continue;
                }
                // Announce the sleep, then look once more: either this thread sees the new job or the owner sees the flag.
                Interlocked.Exchange(ref sleeping, 1);
                job = (int)(Volatile.Read(ref state) >> 32);
                if (job != seen)
                {
                    if (Interlocked.Exchange(ref sleeping, 0) == 0) signal.Wait();
                    return job;
                }
                signal.Wait();
                start = Stopwatch.GetTimestamp();
            }
        }
    }
}

using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using NetGen.Kernels.Simd;

namespace NetGen.Compare;

/// <summary>
/// The machine's limit: the fused multiply-add throughput of the widest accelerated vector (the width
/// <see cref="SimdDispatch"/> picks, so the one NetGen's kernels run at), from registers only, on one core and on
/// every core at once. Every figure of the comparison commands is also shown as a fraction of it.
/// </summary>
/// <remarks>
/// Twelve independent chains of <c>acc = acc * a + b</c>: a Zen 5 or Skylake-class core has two FMA pipes of
/// latency 4, so 8 chains in flight saturate it; 12 leave room for the loop's own instructions and still fit AVX2's
/// 16 registers with <c>a</c> and <c>b</c>. The values converge to <c>b / (1 - a)</c>, so nothing overflows or goes
/// subnormal. A fused multiply-add counts as 2 floating-point operations per lane.
/// </remarks>
internal static class FmaPeak
{
    const int Chains = 12;

    /// <summary>One measurement: the vector width in floats, the threads that ran at once, and their total GFLOP/s.</summary>
    public readonly record struct Peak(int Width, int Threads, double GigaflopsPerSecond);

    /// <summary>The best of <paramref name="repeats"/> runs (short runs, so that on a shared machine some find the cores free) of about <paramref name="milliseconds"/> each on <paramref name="threads"/> threads.</summary>
    public static Peak Measure(int threads, int repeats = 12, int milliseconds = 60)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        // Calibrate the loop count on one thread so that a run takes about the time asked.
        long loops = 1 << 16;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            RunLoops(loops);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (elapsed >= milliseconds / 4.0) { loops = (long)(loops * milliseconds / elapsed); break; }
            loops *= 4;
        }
        double best = 0;
        for (var r = 0; r < repeats; r++) best = Math.Max(best, Run(threads, loops));
        return new Peak(SimdDispatch.Width, threads, best);
    }

    /// <summary>GFLOP/s of <paramref name="threads"/> threads each running <paramref name="loops"/> loops, started together.</summary>
    static double Run(int threads, long loops)
    {
        using var ready = new CountdownEvent(threads);
        using var go = new ManualResetEventSlim();
        var workers = new Thread[threads];
        var sink = new float[threads];
        for (var t = 0; t < threads; t++)
        {
            var index = t;
            workers[t] = new Thread(() =>
            {
                RunLoops(1 << 12); // compiled and warm before the clock starts
                ready.Signal();
                go.Wait();
                sink[index] = RunLoops(loops);
            }) { IsBackground = true, Priority = ThreadPriority.Highest };
            workers[t].Start();
        }
        ready.Wait();
        var start = Stopwatch.GetTimestamp();
        go.Set();
        foreach (var worker in workers) worker.Join();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (float.IsNaN(sink[0])) throw new InvalidOperationException("The FMA chains produced NaN.");
        return 2.0 * Chains * SimdDispatch.Width * loops * threads / seconds / 1e9;
    }

    static float RunLoops(long loops)
    {
        var args = new Args { Loops = loops };
        SimdDispatch.Run<Chain, Args>(ref args);
        return args.Result;
    }

    struct Args
    {
        public long Loops;
        public float Result;
    }

    readonly struct Chain : ISimdKernel<Args>
    {
        // Fully optimised from the first call: no tier-0 copy or on-stack replacement in the timed runs.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run<TSimd>(scoped ref Args args) where TSimd : struct, ISimd<TSimd>
        {
            TSimd a = TSimd.Broadcast(0.999f), b = TSimd.Broadcast(0.001f);
            TSimd c0 = TSimd.Broadcast(0.5f), c1 = TSimd.Broadcast(0.51f), c2 = TSimd.Broadcast(0.52f), c3 = TSimd.Broadcast(0.53f),
                c4 = TSimd.Broadcast(0.54f), c5 = TSimd.Broadcast(0.55f), c6 = TSimd.Broadcast(0.56f), c7 = TSimd.Broadcast(0.57f),
                c8 = TSimd.Broadcast(0.58f), c9 = TSimd.Broadcast(0.59f), c10 = TSimd.Broadcast(0.6f), c11 = TSimd.Broadcast(0.61f);
            for (var i = args.Loops; i > 0; i--)
            {
                c0 = TSimd.MultiplyAdd(c0, a, b); c1 = TSimd.MultiplyAdd(c1, a, b); c2 = TSimd.MultiplyAdd(c2, a, b);
                c3 = TSimd.MultiplyAdd(c3, a, b); c4 = TSimd.MultiplyAdd(c4, a, b); c5 = TSimd.MultiplyAdd(c5, a, b);
                c6 = TSimd.MultiplyAdd(c6, a, b); c7 = TSimd.MultiplyAdd(c7, a, b); c8 = TSimd.MultiplyAdd(c8, a, b);
                c9 = TSimd.MultiplyAdd(c9, a, b); c10 = TSimd.MultiplyAdd(c10, a, b); c11 = TSimd.MultiplyAdd(c11, a, b);
            }
            var sum = TSimd.Add(TSimd.Add(TSimd.Add(c0, c1), TSimd.Add(c2, c3)), TSimd.Add(TSimd.Add(c4, c5), TSimd.Add(c6, c7)));
            args.Result = TSimd.Sum(TSimd.Add(sum, TSimd.Add(TSimd.Add(c8, c9), TSimd.Add(c10, c11))));
        }
    }
}

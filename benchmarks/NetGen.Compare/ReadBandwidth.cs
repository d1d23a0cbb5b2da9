using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using NetGen.Kernels.Simd;

namespace NetGen.Compare;

/// <summary>
/// How fast the cores can read an array, split in contiguous slices over the threads: the same array read again and
/// again, so an array the size of the cat batch (10.3 MB) shows what re-reading X costs from wherever it stays in the
/// caches, and a much larger one what main memory gives. The other half of the thread-scaling estimate in RESULTS.md.
/// </summary>
internal static class ReadBandwidth
{
    /// <summary>GB/s (10^9 bytes) of <paramref name="threads"/> threads reading <paramref name="bytes"/> bytes, best of <paramref name="repeats"/> passes.</summary>
    public static double Measure(long bytes, int threads, int repeats = 10)
    {
        var data = new float[bytes / sizeof(float)];
        data.AsSpan().Fill(1f);
        var slice = data.Length / threads / SimdDispatch.Width / 4 * SimdDispatch.Width * 4;
        // Each thread times its own read of its slice, so a pass lasts as long as its slowest thread; started together.
        var durations = new double[repeats + 1, threads];
        using var barrier = new Barrier(threads);
        var workers = new Thread[threads];
        var sink = new float[threads];
        for (var t = 0; t < threads; t++)
        {
            var index = t;
            workers[t] = new Thread(() =>
            {
                for (var r = 0; r <= repeats; r++) // pass 0 warms the caches and compiles Sum
                {
                    barrier.SignalAndWait();
                    var start = Stopwatch.GetTimestamp();
                    sink[index] += Sum(data.AsSpan(index * slice, slice));
                    durations[r, index] = Stopwatch.GetElapsedTime(start).TotalSeconds;
                }
            }) { IsBackground = true };
            workers[t].Start();
        }
        foreach (var worker in workers) worker.Join();
        if (float.IsNaN(sink[0])) throw new InvalidOperationException("The read produced NaN.");
        var best = double.MaxValue;
        for (var r = 1; r <= repeats; r++)
        {
            var slowest = 0.0;
            for (var t = 0; t < threads; t++) slowest = Math.Max(slowest, durations[r, t]);
            best = Math.Min(best, slowest);
        }
        return (double)slice * threads * sizeof(float) / best / 1e9;
    }

    static float Sum(Span<float> values)
    {
        var args = new Args { Start = ref MemoryMarshal.GetReference(values), Length = values.Length };
        SimdDispatch.Run<Reader, Args>(ref args);
        return args.Result;
    }

    ref struct Args
    {
        public ref float Start;
        public int Length;
        public float Result;
    }

    readonly struct Reader : ISimdKernel<Args>
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run<TSimd>(scoped ref Args args) where TSimd : struct, ISimd<TSimd>
        {
            TSimd s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
            var count = TSimd.Count;
            for (var i = 0; i + 4 * count <= args.Length; i += 4 * count)
            {
                s0 = TSimd.Add(s0, TSimd.Load(ref Unsafe.Add(ref args.Start, i)));
                s1 = TSimd.Add(s1, TSimd.Load(ref Unsafe.Add(ref args.Start, i + count)));
                s2 = TSimd.Add(s2, TSimd.Load(ref Unsafe.Add(ref args.Start, i + 2 * count)));
                s3 = TSimd.Add(s3, TSimd.Load(ref Unsafe.Add(ref args.Start, i + 3 * count)));
            }
            args.Result = TSimd.Sum(TSimd.Add(TSimd.Add(s0, s1), TSimd.Add(s2, s3)));
        }
    }
}

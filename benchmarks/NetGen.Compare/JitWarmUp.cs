using System;
using System.Diagnostics;

namespace NetGen.Compare;

/// <summary>
/// Runs the code to be timed on a throwaway network until the JIT has settled: .NET compiles a method quickly first
/// and optimises it only after 30 calls and a 100 ms delay, in the background, so a short timed run (2000 steps of a
/// small network take about 15 ms) would otherwise time unoptimised code. The throwaway network keeps the timed
/// network's weights, and so its final cost, the same as the peers'.
/// </summary>
internal static class JitWarmUp
{
    static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public static void Run(Action trainOnce)
    {
        var start = Stopwatch.GetTimestamp();
        do trainOnce(); while (Stopwatch.GetElapsedTime(start) < Settle);
    }
}

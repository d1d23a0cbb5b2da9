using System;
using System.Diagnostics;
using System.Linq;
using NetGen.IO;

namespace NetGen.Compare;

/// <summary>
/// The small network's full-batch gradient descent on the moons data, as benchmarks/peers run it with
/// <c>--network small</c>: the course's <c>initialize_parameters_deep</c> (seed, / sqrt(n_{l-1})), learning rate
/// 0.0075, the cost computed at every iteration; one untimed Train call, then one timed call.
/// </summary>
internal static class SmallStep
{
    const float LearningRate = 0.0075f;

    public static TimedTraining.Timing Run(RunOptions options)
    {
        if (options.Data is null) throw new ArgumentException("--mode small needs --data moons.npz (tests/NetGen.Tests/Fixtures/Moons/moons.npz).");
        var arrays = Npz.Read(options.Data);
        var x = arrays["X"].ToDoubleArray().Select(v => (float)v).ToArray();
        var y = arrays["y"].ToInt64Array().Select(v => (float)v).ToArray();
        if (x.Length != y.Length * SmallNet.InputSize)
            throw new ArgumentException($"{options.Data}: expected X of shape ({y.Length}, {SmallNet.InputSize}), found {x.Length} values.");
        Examples = y.Length;

        JitWarmUp.Run(() =>
        {
            var scratch = new SmallNet();
            scratch.InitializeParameters(options.Seed, WeightInit.InverseSqrtFanIn);
            scratch.Train(x, y, Options(200));
        });
        var net = new SmallNet();
        net.InitializeParameters(options.Seed, WeightInit.InverseSqrtFanIn);
        net.Train(x, y, Options(Math.Max(options.Warmup, 1)));
        // The timed call continues from the warm-up's weights, as the peers' timed iterations do.
        var start = Stopwatch.GetTimestamp();
        var result = net.Train(x, y, Options(options.Iterations));
        var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return new TimedTraining.Timing(total / options.Iterations, null, result.FinalCost);
    }

    /// <summary>The number of examples in the last data read.</summary>
    public static int Examples { get; private set; }

    static TrainingOptions Options(int iterations) => new() { Iterations = iterations, LearningRate = LearningRate, ReportEvery = 1 };
}

using System;
using System.Diagnostics;

namespace NetGen.Compare;

/// <summary>Trains the network on the synthetic data: warm-up iterations untimed, then the timed ones, continuing from there.</summary>
internal static class TimedTraining
{
    const float LearningRate = 0.0075f;

    /// <summary>What a run measured.</summary>
    /// <param name="MillisecondsPerIteration">Timed wall-clock time over timed iterations, as the peers report it.</param>
    /// <param name="MedianMilliseconds">The median single iteration, less sensitive to other processes on the machine (steps mode only).</param>
    /// <param name="FinalCost">The cost of the last iteration (before its update).</param>
    public readonly record struct Timing(double MillisecondsPerIteration, double? MedianMilliseconds, float FinalCost);

    public static Timing Run(CatNet net, SyntheticData data, RunOptions options) =>
        options.Mode == RunMode.Steps ? WithSteps(net, data, options) : WithTrain(net, data, options);

    /// <summary>The options of a timed Train call: the cost of every iteration recorded, as the peers compute it.</summary>
    public static TrainingOptions TrainOptions(RunOptions options, int iterations) => new()
    {
        Iterations = iterations,
        LearningRate = LearningRate,
        ReportEvery = 1,
        FirstLayer = options.Mode == RunMode.TrainGramMatrix ? FirstLayerArithmetic.GramMatrix : FirstLayerArithmetic.Direct,
    };

    static Timing WithSteps(CatNet net, SyntheticData data, RunOptions options)
    {
        var caches = new CatNet.Caches(SyntheticData.Examples);
        var gradients = new CatNet.Gradients();
        var cost = 0f;
        // At least one untimed iteration: the first call compiles the kernels.
        for (var i = 0; i < Math.Max(options.Warmup, 1); i++) cost = Step(net, data, caches, gradients);
        var ends = new long[options.Iterations + 1];
        ends[0] = Stopwatch.GetTimestamp();
        for (var i = 0; i < options.Iterations; i++)
        {
            cost = Step(net, data, caches, gradients);
            ends[i + 1] = Stopwatch.GetTimestamp();
        }
        return Summarise(ends, cost);
    }

    static float Step(CatNet net, SyntheticData data, CatNet.Caches caches, CatNet.Gradients gradients)
    {
        var al = net.Forward(data.Inputs, caches);
        var cost = CatNet.ComputeCost(al, data.Labels);
        net.Backward(data.Labels, caches, gradients);
        net.UpdateParameters(gradients, LearningRate);
        return cost;
    }

    /// <summary>
    /// One Train call, timed as a whole: everything it does once (for the Gram-matrix form, the m x m Gram matrix and
    /// writing W1 out at the end) is shared by its iterations, as the peers' one-off costs would be.
    /// </summary>
    static Timing WithTrain(CatNet net, SyntheticData data, RunOptions options)
    {
        WarmJit(data, options);
        net.Train(data.Inputs, data.Labels, TrainOptions(options, Math.Max(options.Warmup, 1)));
        var start = Stopwatch.GetTimestamp();
        var result = net.Train(data.Inputs, data.Labels, TrainOptions(options, options.Iterations));
        var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return new Timing(total / options.Iterations, null, result.FinalCost);
    }

    /// <summary>Settles the JIT on Train of a throwaway cat network (<see cref="JitWarmUp"/>), leaving the timed network's weights alone.</summary>
    public static void WarmJit(SyntheticData data, RunOptions options)
    {
        var scratch = new CatNet();
        scratch.InitializeParameters(options.Seed, WeightInit.InverseSqrtFanIn);
        JitWarmUp.Run(() => scratch.Train(data.Inputs, data.Labels, TrainOptions(options, 20)));
    }

    /// <summary>ends[0] is the start, ends[i] the end of iteration i.</summary>
    static Timing Summarise(long[] ends, float cost)
    {
        var iterations = ends.Length - 1;
        var durations = new double[iterations];
        for (var i = 0; i < iterations; i++) durations[i] = (ends[i + 1] - ends[i]) * 1000.0 / Stopwatch.Frequency;
        Array.Sort(durations);
        var total = (ends[^1] - ends[0]) * 1000.0 / Stopwatch.Frequency;
        return new Timing(total / iterations, durations[iterations / 2], cost);
    }
}

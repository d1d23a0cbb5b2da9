using System;
using System.Globalization;
using System.Numerics;
using NetGen;
using NetGen.Compare;
using NetGen.Kernels;
using NetGen.Kernels.Simd;

// NetGen's side of benchmarks/compare.sh (and the FMA peak for moons.sh and digits.sh): RESULT lines in the peers' format.
RunOptions options;
try
{
    options = RunOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, RunOptions.Usage, Environment.ProcessorCount));
    return 2;
}

WorkSplitter.ThreadCount = Math.Min(options.Threads, 64);
Console.WriteLine(FormattableString.Invariant(
    $"NetGen: kernels at {SimdDispatch.Width} floats per vector, Vector<float> of {Vector<float>.Count} (hardware accelerated: {Vector.IsHardwareAccelerated}), {WorkSplitter.ThreadCount} threads, mode {options.Mode.ToString().ToLowerInvariant()}"));

switch (options.Mode)
{
    case RunMode.Peak:
        // One core, then every core the run may use.
        foreach (var threads in options.Threads > 1 ? new[] { 1, options.Threads } : new[] { 1 })
        {
            var peak = FmaPeak.Measure(threads);
            Console.WriteLine(FormattableString.Invariant(
                $"RESULT name=peak threads={peak.Threads} width={peak.Width} gflops={peak.GigaflopsPerSecond:F1}"));
        }
        if (options.Bandwidth)
        {
            // The cat batch's size (209 x 12288 floats) and an array far larger than any cache.
            foreach (var bytes in new[] { 209L * 12288 * sizeof(float), 512L << 20 })
            foreach (var threads in options.Threads > 1 ? new[] { 1, options.Threads } : new[] { 1 })
                Console.WriteLine(FormattableString.Invariant(
                    $"RESULT name=read-bandwidth bytes={bytes} threads={threads} gbps={ReadBandwidth.Measure(bytes, threads):F1}"));
        }
        return 0;
    case RunMode.Threads:
        return ThreadScaling.Run(options);
    case RunMode.Small:
    {
        var timing = SmallStep.Run(options);
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT name=netgen network=small ms_per_iter={timing.MillisecondsPerIteration:F4} iterations={options.Iterations} final_cost={timing.FinalCost:F6} threads={WorkSplitter.ThreadCount} flops_per_iter={Flops.TrainingIteration(SmallNet.LayerSizes, SmallStep.Examples):F0}"));
        return 0;
    }
    default:
    {
        var data = SyntheticData.Create();
        var net = new CatNet();
        net.InitializeParameters(options.Seed, WeightInit.InverseSqrtFanIn);
        Console.WriteLine(FormattableString.Invariant($"NetGen: {options.Warmup} warm-up + {options.Iterations} timed iterations"));
        var name = options.Mode switch
        {
            RunMode.Steps => "netgen-steps",
            _ => GramLayer.Chooses(TimedTraining.TrainOptions(options, options.Iterations), CatNet.InputSize, SyntheticData.Examples) ? "netgen-gram" : "netgen-direct",
        };
        Console.WriteLine($"NetGen: layer 1 {(name == "netgen-gram" ? "from the examples' Gram matrix" : "multiplied by the inputs every iteration")}");
        var timing = TimedTraining.Run(net, data, options);
        if (timing.MedianMilliseconds is { } median) Console.WriteLine(FormattableString.Invariant($"NetGen: median iteration {median:F3} ms"));
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT name={name} network=cat ms_per_iter={timing.MillisecondsPerIteration:F3} iterations={options.Iterations} final_cost={timing.FinalCost:F6} threads={WorkSplitter.ThreadCount} flops_per_iter={Flops.TrainingIteration(CatNet.LayerSizes, SyntheticData.Examples):F0}"));
        return 0;
    }
}

using System;
using System.Globalization;
using System.Numerics;
using NetGen;
using NetGen.Compare;
using NetGen.Kernels;

// NetGen's side of benchmarks/compare.sh: prints one RESULT line in the peers' format.
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
var data = SyntheticData.Create();
var net = new CatNet();
net.InitializeParameters(options.Seed, WeightInit.InverseSqrtFanIn);

Console.WriteLine(FormattableString.Invariant(
    $"NetGen: {Vector<float>.Count}-lane vectors (hardware accelerated: {Vector.IsHardwareAccelerated}), {WorkSplitter.ThreadCount} threads, mode {options.Mode.ToString().ToLowerInvariant()}, {options.Warmup} warm-up + {options.Iterations} timed iterations"));
var name = options.Mode switch
{
    RunMode.Steps => "netgen-steps",
    _ => GramLayer.Chooses(TimedTraining.TrainOptions(options, options.Iterations), CatNet.InputSize, SyntheticData.Examples) ? "netgen-gram" : "netgen-direct",
};
Console.WriteLine($"NetGen: layer 1 {(name == "netgen-gram" ? "from the examples' Gram matrix" : "multiplied by the inputs every iteration")}");
var timing = TimedTraining.Run(net, data, options);
if (timing.MedianMilliseconds is { } median) Console.WriteLine(FormattableString.Invariant($"NetGen: median iteration {median:F3} ms"));
Console.WriteLine(FormattableString.Invariant(
    $"RESULT name={name} ms_per_iter={timing.MillisecondsPerIteration:F3} iterations={options.Iterations} final_cost={timing.FinalCost:F6} threads={WorkSplitter.ThreadCount}"));
return 0;

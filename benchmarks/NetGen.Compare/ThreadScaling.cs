using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using NetGen.Kernels;

namespace NetGen.Compare;

/// <summary>
/// The cat network's training iteration (Train, the course's arithmetic) and batched Predict (209 examples) at
/// <see cref="WorkSplitter.ThreadCount"/> = 1, 2, 4, ... up to the processor count: time per iteration and per
/// Predict, GFLOP/s, the fraction of the FMA peak of as many cores, and whether the trained weights and the
/// predictions are bit-identical to those of one thread.
/// </summary>
internal static class ThreadScaling
{
    const int PredictRepeats = 200;

    public static int Run(RunOptions options)
    {
        var data = SyntheticData.Create();
        var trainFlops = Flops.TrainingIteration(CatNet.LayerSizes, SyntheticData.Examples);
        var predictFlops = Flops.Predict(CatNet.LayerSizes, SyntheticData.Examples);
        var rows = new List<string>();
        byte[]? referenceWeights = null, referencePredictions = null;
        var allIdentical = true;
        double? onePeak = null;
        Console.WriteLine(Invariant($"Cat network 12288-20-7-5-1, batch {SyntheticData.Examples}: Train {options.Iterations} iterations (after {options.Warmup} warm-up) and Predict of the batch ({PredictRepeats} times)"));
        Console.WriteLine(Invariant($"FLOPs counted (2 per multiply-add): training iteration {trainFlops / 1e6:F1} M (forward, dW, dA of layers 2-4), Predict {predictFlops / 1e6:F1} M"));
        Console.WriteLine();
        Console.WriteLine("threads  Train ms/iter  GFLOP/s  % of peak   Predict ms  GFLOP/s  % of peak   FMA peak GFLOP/s  same bits as 1 thread");
        foreach (var threads in Counts(Math.Min(options.Threads, 64)))
        {
            WorkSplitter.ThreadCount = threads;
            // As compare.sh: the larger of the measurement on these threads and that many times one core's (a busy machine).
            onePeak ??= FmaPeak.Measure(1).GigaflopsPerSecond;
            var peak = Math.Max(FmaPeak.Measure(threads).GigaflopsPerSecond, threads * onePeak.Value);

            // Train from the same initial weights at every thread count, warm-up included.
            TimedTraining.WarmJit(data, options);
            var net = new CatNet();
            net.InitializeParameters(options.Seed, WeightInit.InverseSqrtFanIn);
            net.Train(data.Inputs, data.Labels, TimedTraining.TrainOptions(options, Math.Max(options.Warmup, 1)));
            var start = Stopwatch.GetTimestamp();
            var result = net.Train(data.Inputs, data.Labels, TimedTraining.TrainOptions(options, options.Iterations));
            var trainMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds / options.Iterations;

            var predictions = new float[SyntheticData.Examples];
            net.Predict(data.Inputs, predictions);
            start = Stopwatch.GetTimestamp();
            for (var r = 0; r < PredictRepeats; r++) net.Predict(data.Inputs, predictions);
            var predictMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds / PredictRepeats;

            var weights = Bytes(net.W1, net.B1, net.W2, net.B2, net.W3, net.B3, net.W4, net.B4);
            var predicted = MemoryMarshal.AsBytes(predictions.AsSpan()).ToArray();
            referenceWeights ??= weights;
            referencePredictions ??= predicted;
            var identical = weights.AsSpan().SequenceEqual(referenceWeights) && predicted.AsSpan().SequenceEqual(referencePredictions);
            allIdentical &= identical;

            double trainRate = trainFlops / trainMs / 1e6, predictRate = predictFlops / predictMs / 1e6;
            Console.WriteLine(Invariant(
                $"{threads,7}  {trainMs,13:F3}  {trainRate,7:F1}  {100 * trainRate / peak,8:F1}%  {predictMs,11:F4}  {predictRate,7:F1}  {100 * predictRate / peak,8:F1}%  {peak,17:F1}  {(identical ? "yes" : "NO")}"));
            rows.Add(Invariant(
                $"RESULT name=threads-{threads} train_ms_per_iter={trainMs:F4} predict_ms={predictMs:F5} peak_gflops={peak:F1} final_cost={result.FinalCost:F6} identical={(identical ? "yes" : "no")}"));
        }
        Console.WriteLine();
        foreach (var row in rows) Console.WriteLine(row);
        if (!allIdentical)
        {
            Console.Error.WriteLine("error: the results differ between thread counts; they must be the same bits.");
            return 1;
        }
        return 0;
    }

    /// <summary>1, 2, 4, ... below <paramref name="max"/>, and <paramref name="max"/> itself.</summary>
    static IEnumerable<int> Counts(int max)
    {
        for (var t = 1; t < max; t *= 2) yield return t;
        yield return max;
    }

    static byte[] Bytes(params float[][] arrays)
    {
        var bytes = new List<byte>();
        foreach (var array in arrays) bytes.AddRange(MemoryMarshal.AsBytes(array.AsSpan()).ToArray());
        return bytes.ToArray();
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

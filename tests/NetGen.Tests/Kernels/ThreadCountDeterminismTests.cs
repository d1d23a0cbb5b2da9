using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Kernels;
using NetGen.Tests.Numerics;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The kernels split work over the cores by outputs, never by a sum: Forward, Backward, UpdateParameters, Predict
/// and Train give the same bits with 1, 2 or 3 threads (and whichever thread happens to run which piece).
/// </summary>
[Collection(nameof(ThreadCountCollection))]
public sealed class ThreadCountDeterminismTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in KernelNetworks.Names)
            foreach (var m in new[] { 1, 5, 7, 209 })
                data.Add(name, m);
        data.Add(nameof(KernelsTail), 300);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryResultIsTheSameBitsWhateverTheThreadCount(string network, int m)
    {
        var before = WorkSplitter.ThreadCount;
        try
        {
            var results = new[] { 1, 2, 3 }.Select(threads =>
            {
                WorkSplitter.ThreadCount = threads;
                return Run(network, m);
            }).ToArray();
            for (var t = 1; t < results.Length; t++)
            {
                Assert.Equal(results[0].Count, results[t].Count);
                for (var i = 0; i < results[0].Count; i++)
                    AssertSameBits(results[0][i].Values, results[t][i].Values, $"{results[0][i].Name} with {t + 1} threads against 1");
            }
        }
        finally
        {
            WorkSplitter.ThreadCount = before;
        }
    }

    static List<(string Name, float[] Values)> Run(string network, int m)
    {
        var net = KernelNetworks.Create(network);
        net.Initialize(seed: 3, WeightInit.InverseSqrtFanIn);
        var (x, y) = KernelNetworks.Batch(net, m, seed: 40 + m);
        var results = new List<(string, float[])>();
        net.UseCaches(m);
        results.Add(("AL", net.Forward(x)));
        for (var l = 1; l <= net.LayerCount; l++) results.Add(($"A{l}", net.Activations(l)));
        net.Backward(y);
        for (var l = 1; l <= net.LayerCount; l++)
        {
            results.Add(($"dW{l}", net.WeightGradient(l).ToArray()));
            results.Add(($"db{l}", net.BiasGradient(l).ToArray()));
        }
        net.Update(0.1f);
        results.Add(("Predict after the update", net.Predict(x)));
        results.Add(("Predict of the first example", net.Predict(x.AsSpan(0, net.InputSize).ToArray())));
        var trained = net.Train(x, y, new TrainingOptions { Iterations = 3, LearningRate = 0.05f, ReportEvery = 1 });
        results.Add(("Train's costs", trained.Costs.Select(p => p.Cost).ToArray()));
        var parameters = KernelNetworks.Parameters(net);
        for (var i = 0; i < parameters.Length; i++) results.Add(($"parameter array {i} after Train", parameters[i]));
        var gram = net.Train(x, y, new TrainingOptions { Iterations = 4, LearningRate = 0.05f, ReportEvery = 1, FirstLayer = FirstLayerArithmetic.GramMatrix });
        results.Add(("Train's costs in Gram-matrix form", gram.Costs.Select(p => p.Cost).ToArray()));
        parameters = KernelNetworks.Parameters(net);
        for (var i = 0; i < parameters.Length; i++) results.Add(($"parameter array {i} after Train in Gram-matrix form", parameters[i]));
        return results;
    }

    internal static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}.");
        for (var i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"{what}: element {i} is {actual[i]:R}, expected {expected[i]:R} (bit for bit).");
    }
}

/// <summary>Tests that change <see cref="WorkSplitter.ThreadCount"/> run one at a time (results never depend on it, timings do).</summary>
[CollectionDefinition(nameof(ThreadCountCollection), DisableParallelization = true)]
public sealed class ThreadCountCollection
{
}

using System;
using System.Linq;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// Large layers, and a batch Predict whose layers all run in lanes (its blocks of examples), split their work over
/// <see cref="WorkSplitter.ThreadCount"/> threads; every item has a fixed summation order, so the results must be the same bits whatever the number of threads. Changing the process-wide
/// thread count must not overlap other tests, hence a collection that runs alone.
/// </summary>
[Collection(nameof(ThreadCountCollection))]
public sealed class ThreadCountTests
{
    public static TheoryData<string, int> Cases() => new()
    {
        { nameof(NumericsWide), 1203 },
        { nameof(NumericsWideColumn), 209 },
        { nameof(NumericsPooledPredict), 300 },
        { nameof(NumericsNarrowInputTiled), 150 },
        { nameof(NumericsLanesParallel), 300 },
        { nameof(NumericsLanesWideHidden), 130 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardBackwardAndPredict_GiveTheSameBitsWithAnyNumberOfThreads(string network, int m)
    {
        var net = NumericsNetworks.Create(network);
        net.Initialize(seed: 31, NumericAssert.InitFor(net.Hidden));
        net.UseCaches(m);
        var x = NumericAssert.Uniform(m * net.InputSize, seed: 32);
        var y = NumericAssert.Labels(net.Output, m * net.OutputSize, seed: 33);

        var original = WorkSplitter.ThreadCount;
        try
        {
            WorkSplitter.ThreadCount = 1;
            var expected = Run(net, x, y);
            foreach (var threads in new[] { 2, 3, 8 })
            {
                WorkSplitter.ThreadCount = threads;
                var actual = Run(net, x, y);
                for (var i = 0; i < expected.Length; i++)
                    NumericAssert.Identical(expected[i].Values, actual[i].Values, $"{expected[i].Name} with {threads} threads");
            }
        }
        finally
        {
            WorkSplitter.ThreadCount = original;
        }
    }

    static (string Name, float[] Values)[] Run(NetworkCase net, float[] x, float[] y)
    {
        var al = net.Forward(x);
        net.Backward(y);
        return
        [
            ("AL", al),
            ("Predict", net.Predict(x)),
            .. Enumerable.Range(1, net.LayerCount).SelectMany(l => new[] { ($"dW{l}", net.WeightGradient(l).ToArray()), ($"db{l}", net.BiasGradient(l).ToArray()) }),
        ];
    }
}

/// <summary>Tests that change process-wide settings run in this collection, never alongside another test.</summary>
[CollectionDefinition(nameof(ThreadCountCollection), DisableParallelization = true)]
public sealed class ThreadCountCollection;

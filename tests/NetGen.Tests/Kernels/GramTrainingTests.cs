using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetGen.Kernels;
using NetGen.Tests.Numerics;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// Train in <see cref="FirstLayerArithmetic.GramMatrix"/> form: the course's gradient descent, held to the double
/// reference and to the direct form, with W1 current whenever user code can see it, and used only when asked for.
/// </summary>
public sealed class GramTrainingTests
{
    const float LearningRate = 0.05f;

    public static TheoryData<string, int> Cases() => new()
    {
        { nameof(KernelsCat), 1 },
        { nameof(KernelsCat), 7 },
        { nameof(KernelsCat), 40 },
        { nameof(KernelsTail), 4 },
        { nameof(KernelsTail), 23 },
        { nameof(KernelsTail), 150 },
        { nameof(KernelsTwoTiled), 5 },
        { nameof(KernelsTwoTiled), 50 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GramMatrixTraining_FollowsTheReferencesGradientDescent(string network, int m)
    {
        const int iterations = 40, every = 7;
        var net = KernelNetworks.Create(network);
        net.Initialize(seed: 11, WeightInit.InverseSqrtFanIn);
        var (x, y) = KernelNetworks.Batch(net, m, seed: 60 + m);
        var reference = net.ToReference();
        var direct = KernelNetworks.Create(network);
        direct.Initialize(seed: 11, WeightInit.InverseSqrtFanIn);

        var result = net.Train(x, y, Options(iterations, FirstLayerArithmetic.GramMatrix, every));
        direct.Train(x, y, Options(iterations, FirstLayerArithmetic.Direct, every));

        var xColumns = ReferenceNetwork.Columns(x, net.InputSize);
        var yColumns = ReferenceNetwork.Columns(y, net.OutputSize);
        var referenceCosts = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var caches = reference.Forward(xColumns);
            referenceCosts[i] = reference.Cost(caches.A[reference.LayerCount], yColumns);
            reference.Update(reference.Backward(caches, yColumns), LearningRate);
        }

        Assert.Equal(iterations, result.IterationsCompleted);
        Assert.Equal(FirstLayerArithmetic.GramMatrix, result.FirstLayer);
        foreach (var point in result.Costs)
            Assert.True(Math.Abs(point.Cost - referenceCosts[point.Iteration]) <= 1e-3 * Math.Max(referenceCosts[point.Iteration], 1e-3),
                $"cost at iteration {point.Iteration} is {point.Cost}, the reference's {referenceCosts[point.Iteration]}");
        for (var l = 1; l <= net.LayerCount; l++)
        {
            NumericAssert.Close(ReferenceNetwork.RowMajor(reference.W[l]), net.Weights(l), 1e-3, $"W{l} after {iterations} iterations");
            NumericAssert.Close(reference.B[l], net.Biases(l), 1e-3, $"b{l} after {iterations} iterations");
            // The two float forms differ only by rounding: far closer to each other than either is to double.
            NumericAssert.Close(Widen(direct.Weights(l)), net.Weights(l), 1e-4, $"W{l} against the direct form");
            NumericAssert.Close(Widen(direct.Biases(l)), net.Biases(l), 1e-4, $"b{l} against the direct form");
        }
    }

    [Fact]
    public void AProgressHandler_SeesW1AsTheDirectFormHasIt()
    {
        const int m = 20, iterations = 16;
        var (gram, direct, x, y) = Twins(nameof(KernelsTail), m);
        var seenInGram = new List<float[]>();
        var seenInDirect = new List<float[]>();

        gram.Train(x, y, Options(iterations, FirstLayerArithmetic.GramMatrix, every: 5, new Handler(_ => seenInGram.Add(gram.Weights(1).ToArray()))));
        direct.Train(x, y, Options(iterations, FirstLayerArithmetic.Direct, every: 5, new Handler(_ => seenInDirect.Add(direct.Weights(1).ToArray()))));

        Assert.Equal(4, seenInGram.Count); // iterations 0, 5, 10 and 15
        for (var i = 0; i < seenInGram.Count; i++)
            NumericAssert.Close(Widen(seenInDirect[i]), seenInGram[i], 1e-5, $"W1 seen by the progress handler at report {i}");
        Assert.NotEqual(seenInGram[0], seenInGram[3]);
    }

    [Fact]
    public void CancellingFromAProgressHandler_LeavesTheLastCompletedUpdate()
    {
        const int m = 9;
        var (gram, direct, x, y) = Twins(nameof(KernelsCat), m);
        using var gramStop = new CancellationTokenSource();
        using var directStop = new CancellationTokenSource();

        var result = gram.Train(x, y, Options(100, FirstLayerArithmetic.GramMatrix, every: 1, new Handler(p => { if (p.Iteration == 6) gramStop.Cancel(); }), gramStop.Token));
        direct.Train(x, y, Options(100, FirstLayerArithmetic.Direct, every: 1, new Handler(p => { if (p.Iteration == 6) directStop.Cancel(); }), directStop.Token));

        Assert.True(result.Cancelled);
        Assert.Equal(7, result.IterationsCompleted);
        var expected = KernelNetworks.Parameters(direct);
        var actual = KernelNetworks.Parameters(gram);
        for (var i = 0; i < expected.Length; i++) NumericAssert.Close(Widen(expected[i]), actual[i], 1e-5, $"parameter array {i} after cancelling");
    }

    [Fact]
    public void CancelledBeforeTheFirstIteration_TheParametersKeepTheirBits()
    {
        var (gram, _, x, y) = Twins(nameof(KernelsCat), 5);
        var before = KernelNetworks.Parameters(gram);
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        var result = gram.Train(x, y, Options(50, FirstLayerArithmetic.GramMatrix, every: 10, cancellation: stop.Token));

        Assert.Equal(0, result.IterationsCompleted);
        var after = KernelNetworks.Parameters(gram);
        for (var i = 0; i < before.Length; i++) NumericAssert.Identical(before[i], after[i], $"parameter array {i}");
    }

    [Fact]
    public void TheDefault_TrainsTheCatNetworkDirectly_AndTheBitsShowIt()
    {
        // The forms round differently, so which one ran shows in the bits: the default's match Direct's, not GramMatrix's.
        const int m = 30, iterations = 60;
        var trained = new FirstLayerArithmetic?[] { null, FirstLayerArithmetic.Direct, FirstLayerArithmetic.GramMatrix }.Select(arithmetic =>
        {
            var net = KernelNetworks.Create(nameof(KernelsCat));
            net.Initialize(seed: 11, WeightInit.InverseSqrtFanIn);
            var (x, y) = KernelNetworks.Batch(net, m, seed: 3);
            var options = arithmetic is { } chosen
                ? Options(iterations, chosen, every: 100)
                : new TrainingOptions { Iterations = iterations, LearningRate = LearningRate, ReportEvery = 100 };
            var result = net.Train(x, y, options);
            Assert.Equal(arithmetic ?? FirstLayerArithmetic.Direct, result.FirstLayer);
            return net.Weights(1);
        }).ToArray();

        NumericAssert.Identical(trained[1], trained[0], "W1 trained with the default options against Direct");
        Assert.False(trained[0].SequenceEqual(trained[2]), "the default gave the Gram-matrix form's bits");
    }

    [Theory]
    [InlineData(FirstLayerArithmetic.GramMatrix, 209, 2500, true)]    // the course's run
    [InlineData(FirstLayerArithmetic.GramMatrix, 209, 1, true)]
    [InlineData(FirstLayerArithmetic.GramMatrix, 6144, 2, true)]      // exactly half as many examples as inputs
    [InlineData(FirstLayerArithmetic.GramMatrix, 6145, 2500, false)]  // more examples than half the inputs: G (double) larger than X
    [InlineData(FirstLayerArithmetic.GramMatrix, 209, 0, false)]      // nothing to run
    [InlineData(FirstLayerArithmetic.Direct, 209, 2500, false)]
    public void UsesTheGramMatrixOnlyWhenAskedAndItFits(FirstLayerArithmetic arithmetic, int m, int iterations, bool expected)
    {
        var options = new TrainingOptions { FirstLayer = arithmetic, Iterations = iterations };

        Assert.Equal(expected, GramLayer.Chooses(options, 12288, m));
    }

    [Fact]
    public void AnUnknownArithmetic_IsRefusedByName()
    {
        var options = new TrainingOptions { FirstLayer = (FirstLayerArithmetic)7 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(nameof(TrainingOptions.FirstLayer), error.ParamName);
        Assert.Contains("Direct or GramMatrix", error.Message);
    }

    [Fact]
    public void NetworksWithoutAGramForm_TrainDirectlyWhenAskedForIt()
    {
        // KernelsLanesFirst's first layer runs in lanes: GramMatrix falls back to the direct loop, same bits.
        var (asked, direct, x, y) = Twins(nameof(KernelsLanesFirst), 6);

        var result = asked.Train(x, y, Options(10, FirstLayerArithmetic.GramMatrix, every: 3));
        direct.Train(x, y, Options(10, FirstLayerArithmetic.Direct, every: 3));

        Assert.Equal(FirstLayerArithmetic.Direct, result.FirstLayer);
        var expected = KernelNetworks.Parameters(direct);
        var actual = KernelNetworks.Parameters(asked);
        for (var i = 0; i < expected.Length; i++) NumericAssert.Identical(expected[i], actual[i], $"parameter array {i}");
    }

    static (NetworkCase Gram, NetworkCase Direct, float[] X, float[] Y) Twins(string network, int m)
    {
        var gram = KernelNetworks.Create(network);
        var direct = KernelNetworks.Create(network);
        gram.Initialize(seed: 5, WeightInit.InverseSqrtFanIn);
        direct.Initialize(seed: 5, WeightInit.InverseSqrtFanIn);
        var (x, y) = KernelNetworks.Batch(gram, m, seed: 77);
        return (gram, direct, x, y);
    }

    static TrainingOptions Options(int iterations, FirstLayerArithmetic firstLayer, int every, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        new() { Iterations = iterations, LearningRate = LearningRate, ReportEvery = every, FirstLayer = firstLayer, Progress = progress, CancellationToken = cancellation };

    static double[] Widen(float[] values) => values.Select(v => (double)v).ToArray();

    /// <summary>Runs on the training thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    sealed class Handler(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}

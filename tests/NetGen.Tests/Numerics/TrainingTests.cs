using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>The generated <c>Train</c>: it learns, it follows the reference's gradient descent, it reports, it stops, it repeats.</summary>
public sealed class TrainingTests
{
    [Theory]
    [InlineData(nameof(NumericsSeparable))]
    [InlineData(nameof(NumericsSeparableDeep))]
    public void TrainingOnASeparableProblem_DrivesTheCostDownAndClassifiesEveryPoint(string network)
    {
        var net = NumericsNetworks.Create(network);
        var (x, y) = Separable(net.InputSize, count: 200, seed: 3);
        net.Initialize(seed: 1, WeightInit.He);

        var result = net.Train(x, y, new TrainingOptions { LearningRate = 0.5f, Iterations = 1500, ReportEvery = 100 });

        var first = result.Costs[0].Cost;
        var last = result.FinalCost;
        Assert.True(last < first / 4, $"the cost went from {first} to {last}, not below a quarter of the start");
        var predictions = net.Predict(x);
        var wrong = Enumerable.Range(0, y.Length).Count(i => predictions[i] > 0.5f != (y[i] == 1));
        Assert.True(wrong == 0, $"{wrong} of {y.Length} training points are misclassified after training (final cost {last})");
    }

    [Theory]
    [InlineData(nameof(NumericsSeparableDeep))]
    [InlineData(nameof(NumericsMixedTanhLinear))]
    [InlineData(nameof(NumericsWide))]
    public void Training_FollowsTheReferencesGradientDescent(string network)
    {
        var net = NumericsNetworks.Create(network);
        net.Initialize(seed: 2, NumericAssert.InitFor(net.Hidden));
        const int m = 13, iterations = 30, every = 7;
        const double learningRate = 0.1;
        var x = NumericAssert.Uniform(m * net.InputSize, seed: 4);
        var y = NumericAssert.Labels(net.Output, m * net.OutputSize, seed: 5);
        var reference = net.ToReference();

        var result = net.Train(x, y, new TrainingOptions { LearningRate = (float)learningRate, Iterations = iterations, ReportEvery = every });

        // The course's loop in double: the cost of iteration i is that of the parameters before its update.
        var xColumns = ReferenceNetwork.Columns(x, net.InputSize);
        var yColumns = ReferenceNetwork.Columns(y, net.OutputSize);
        var referenceCosts = new Dictionary<int, double>();
        for (var i = 0; i < iterations; i++)
        {
            var caches = reference.Forward(xColumns);
            referenceCosts[i] = reference.Cost(caches.A[reference.LayerCount], yColumns);
            reference.Update(reference.Backward(caches, yColumns), learningRate);
        }

        Assert.Equal([0, 7, 14, 21, 28, 29], result.Costs.Select(c => c.Iteration).ToArray());
        // 30 float updates drift from double by far less than 1e-3 of the values: each step's gradient is within
        // ~1e-5 of the reference (see ForwardBackwardTests), and gradient descent at this rate does not amplify it.
        foreach (var point in result.Costs)
            Assert.True(Math.Abs(point.Cost - referenceCosts[point.Iteration]) <= 1e-3 * referenceCosts[point.Iteration],
                $"cost at iteration {point.Iteration} is {point.Cost}, the reference's {referenceCosts[point.Iteration]}");
        for (var l = 1; l <= net.LayerCount; l++)
        {
            NumericAssert.Close(ReferenceNetwork.RowMajor(reference.W[l]), net.Weights(l), 1e-3, $"W{l} after training");
            NumericAssert.Close(reference.B[l], net.Biases(l), 1e-3, $"b{l} after training");
        }
    }

    [Theory]
    [InlineData(25, 10, new[] { 0, 10, 20, 24 })]
    [InlineData(21, 10, new[] { 0, 10, 20 })]
    [InlineData(20, 10, new[] { 0, 10, 19 })]
    [InlineData(5, 100, new[] { 0, 4 })]
    [InlineData(1, 10, new[] { 0 })]
    [InlineData(6, 1, new[] { 0, 1, 2, 3, 4, 5 })]
    public void Train_ReportsAtEveryReportEveryIterationAndTheLast(int iterations, int reportEvery, int[] reported)
    {
        var net = NumericsNetworks.Create(nameof(NumericsSeparable));
        var (x, y) = Separable(2, count: 40, seed: 8);
        net.Initialize(seed: 1, WeightInit.He);
        var progress = new RecordingProgress();

        var result = net.Train(x, y, new TrainingOptions { LearningRate = 0.1f, Iterations = iterations, ReportEvery = reportEvery, Progress = progress });

        Assert.Equal(reported, progress.Reports.Select(p => p.Iteration).ToArray());
        Assert.All(progress.Reports, p => Assert.Equal(iterations, p.TotalIterations));
        Assert.All(progress.Reports, p => Assert.True(float.IsFinite(p.Cost) && p.Cost > 0, $"cost {p.Cost}"));
        Assert.Equal(progress.Reports, result.Costs);
        Assert.Equal(iterations, result.IterationsCompleted);
        Assert.False(result.Cancelled);
        Assert.Equal(progress.Reports[^1].Cost, result.FinalCost);
    }

    [Fact]
    public void TrainingForZeroIterations_RecordsNothingAndChangesNothing()
    {
        var (x, y) = Separable(2, count: 10, seed: 11);
        var net = NumericsNetworks.Create(nameof(NumericsSeparable));
        net.Initialize(seed: 1, WeightInit.He);
        var untouched = NumericsNetworks.Create(nameof(NumericsSeparable));
        untouched.Initialize(seed: 1, WeightInit.He);

        var result = net.Train(x, y, new TrainingOptions { Iterations = 0 });

        Assert.Empty(result.Costs);
        Assert.Equal(0, result.IterationsCompleted);
        Assert.False(result.Cancelled);
        Assert.True(float.IsNaN(result.FinalCost));
        AssertSameParameters(untouched, net);
    }

    [Fact]
    public void CancellingDuringTraining_StopsAfterTheCurrentIterationWithItsUpdateApplied()
    {
        var (x, y) = Separable(2, count: 40, seed: 9);
        using var source = new CancellationTokenSource();
        var net = NumericsNetworks.Create(nameof(NumericsSeparable));
        net.Initialize(seed: 1, WeightInit.He);
        var progress = new RecordingProgress(p => { if (p.Iteration == 10) source.Cancel(); });

        var result = net.Train(x, y, new TrainingOptions
        {
            LearningRate = 0.1f, Iterations = 1000, ReportEvery = 5, Progress = progress, CancellationToken = source.Token,
        });

        Assert.True(result.Cancelled);
        Assert.Equal(11, result.IterationsCompleted); // iterations 0..10: cancellation is seen between iterations
        Assert.Equal([0, 5, 10], result.Costs.Select(c => c.Iteration).ToArray());

        // The parameters are exactly those of a run asked for 11 iterations.
        var uninterrupted = NumericsNetworks.Create(nameof(NumericsSeparable));
        uninterrupted.Initialize(seed: 1, WeightInit.He);
        uninterrupted.Train(x, y, new TrainingOptions { LearningRate = 0.1f, Iterations = 11, ReportEvery = 5 });
        AssertSameParameters(uninterrupted, net);
    }

    [Fact]
    public void TrainingWithAnAlreadyCancelledToken_ChangesNothing()
    {
        var (x, y) = Separable(2, count: 40, seed: 10);
        var net = NumericsNetworks.Create(nameof(NumericsSeparable));
        net.Initialize(seed: 1, WeightInit.He);
        var untouched = NumericsNetworks.Create(nameof(NumericsSeparable));
        untouched.Initialize(seed: 1, WeightInit.He);

        var result = net.Train(x, y, new TrainingOptions { Iterations = 10, CancellationToken = new CancellationToken(canceled: true) });

        Assert.True(result.Cancelled);
        Assert.Equal(0, result.IterationsCompleted);
        Assert.Empty(result.Costs);
        Assert.True(float.IsNaN(result.FinalCost));
        AssertSameParameters(untouched, net);
    }

    [Theory]
    [InlineData(nameof(NumericsSeparableDeep))]
    [InlineData(nameof(NumericsWide))]
    [InlineData(nameof(NumericsPooledPredict))]
    public void TrainingTwice_GivesBitIdenticalParametersAndCosts(string network)
    {
        TrainingResult Run(NetworkCase net)
        {
            net.Initialize(seed: 4, NumericAssert.InitFor(net.Hidden));
            var x = NumericAssert.Uniform(11 * net.InputSize, seed: 12);
            var y = NumericAssert.Labels(net.Output, 11 * net.OutputSize, seed: 13);
            return net.Train(x, y, new TrainingOptions { LearningRate = 0.05f, Iterations = 20, ReportEvery = 3 });
        }

        NetworkCase first = NumericsNetworks.Create(network), second = NumericsNetworks.Create(network);
        var firstCosts = Run(first).Costs.Select(c => c.Cost).ToArray();
        var secondCosts = Run(second).Costs.Select(c => c.Cost).ToArray();

        NumericAssert.Identical(firstCosts, secondCosts, "recorded costs");
        AssertSameParameters(first, second);
    }

    /// <summary>Points uniform in [-1, 1]^n labelled by x0 + x1 &gt; 0, none closer than 0.2 to the boundary.</summary>
    static (float[] X, float[] Y) Separable(int features, int count, int seed)
    {
        var random = new Random(seed);
        var x = new List<float>();
        var y = new List<float>();
        while (y.Count < count)
        {
            var point = Enumerable.Range(0, features).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var side = point[0] + point[1];
            if (Math.Abs(side) < 0.2f) continue;
            x.AddRange(point);
            y.Add(side > 0 ? 1 : 0);
        }
        return (x.ToArray(), y.ToArray());
    }

    static void AssertSameParameters(NetworkCase expected, NetworkCase actual)
    {
        for (var l = 1; l <= expected.LayerCount; l++)
        {
            NumericAssert.Identical(expected.Weights(l), actual.Weights(l), $"W{l}");
            NumericAssert.Identical(expected.Biases(l), actual.Biases(l), $"b{l}");
        }
    }

    /// <summary>Collects reports synchronously, on the training thread (unlike <see cref="Progress{T}"/>).</summary>
    sealed class RecordingProgress(Action<TrainingProgress>? onReport = null) : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = new();

        public void Report(TrainingProgress value)
        {
            Reports.Add(value);
            onReport?.Invoke(value);
        }
    }
}

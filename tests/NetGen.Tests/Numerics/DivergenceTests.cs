using System;
using System.Linq;
using NetGen.Tests.Kernels;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// Train stops at the first non-finite cost, in each of its loops (the plain one, the fused Direct step and the Gram
/// matrix form), says so, and leaves the parameters of the last update made; UpdateParameters refuses bad steps.
/// </summary>
public sealed class DivergenceTests
{
    static (float[] X, float[] Y) Batch(int m, int inputs, int outputs, bool binary, int seed)
    {
        var random = new Random(seed);
        var x = new float[m * inputs];
        for (var i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        var y = new float[m * outputs];
        for (var i = 0; i < y.Length; i++) y[i] = binary ? random.Next(2) : (float)(random.NextDouble() * 2 - 1);
        return (x, y);
    }

    static void AssertDiverged(TrainingResult result, int iterations)
    {
        Assert.True(result.Diverged, $"no divergence reported; final cost {result.FinalCost}");
        var at = result.DivergedAtIteration!.Value;
        Assert.InRange(at, 1, iterations - 1);
        Assert.Equal(at, result.IterationsCompleted);
        Assert.False(result.Cancelled);
        // The curve ends with the non-finite point, recorded although ReportEvery would skip it; all before are finite.
        Assert.Equal(at, result.Costs[^1].Iteration);
        Assert.False(float.IsFinite(result.Costs[^1].Cost));
        Assert.All(result.Costs.SkipLast(1), p => Assert.True(float.IsFinite(p.Cost)));
        Assert.False(float.IsFinite(result.FinalCost));
    }

    static void AssertSameBits(float[] expected, float[] actual, string name)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"{name}[{i}]: expected {expected[i]}, got {actual[i]}");
    }

    [Theory]
    [InlineData(FirstLayerArithmetic.Direct)]
    [InlineData(FirstLayerArithmetic.GramMatrix)]
    public void ATiledFirstLayer_StopsAtTheFirstNonFiniteCost_WithTheParametersOfTheLastUpdate(FirstLayerArithmetic algorithm)
    {
        const int m = 20, iterations = 60;
        var (x, y) = Batch(m, KernelsTail.InputSize, 1, binary: true, seed: 3);
        var trained = new KernelsTail();
        trained.InitializeParameters(2, WeightInit.He);
        var seen = new System.Collections.Generic.List<TrainingProgress>();

        var result = trained.Train(x, y, new TrainingOptions
        {
            LearningRate = 1e30f, Iterations = iterations, ReportEvery = 1000, FirstLayer = algorithm,
            Progress = new Handler(seen.Add),
        });

        AssertDiverged(result, iterations);
        Assert.Equal(algorithm, result.FirstLayer);
        Assert.Equal(result.Costs, seen); // the divergence point is reported too

        // The same number of updates made by hand (Forward, Backward, UpdateParameters): Direct has the same bits;
        // the Gram form, whose rounding differs, diverges at the same iteration with the same layers above W1.
        var stepped = new KernelsTail();
        stepped.InitializeParameters(2, WeightInit.He);
        var caches = new KernelsTail.Caches(m);
        var gradients = new KernelsTail.Gradients();
        for (var i = 0; i < result.IterationsCompleted; i++)
        {
            stepped.Forward(x, caches);
            stepped.Backward(y, caches, gradients);
            stepped.UpdateParameters(gradients, 1e30f);
        }
        Assert.False(float.IsFinite(KernelsTail.ComputeCost(stepped.Forward(x, caches), y)));
        if (algorithm == FirstLayerArithmetic.Direct)
        {
            AssertSameBits(stepped.W1, trained.W1, "W1");
            AssertSameBits(stepped.W2, trained.W2, "W2");
            AssertSameBits(stepped.W3, trained.W3, "W3");
            AssertSameBits(stepped.B3, trained.B3, "B3");
        }
    }

    [Fact]
    public void AnUnrolledNetwork_StopsAtTheFirstNonFiniteCost_WithTheParametersOfTheLastUpdate()
    {
        // Tanh keeps its units alive (a ReLU network at such a rate dies with a finite cost instead).
        const int m = 16, iterations = 60;
        var (x, y) = Batch(m, 3, 2, binary: false, seed: 5);
        var trained = new NumericsDeepNarrowTanhLinear();
        trained.InitializeParameters(1, WeightInit.He);

        var result = trained.Train(x, y, new TrainingOptions { LearningRate = 1e20f, Iterations = iterations, ReportEvery = 7 });

        AssertDiverged(result, iterations);
        var stepped = new NumericsDeepNarrowTanhLinear();
        stepped.InitializeParameters(1, WeightInit.He);
        var caches = new NumericsDeepNarrowTanhLinear.Caches(m);
        var gradients = new NumericsDeepNarrowTanhLinear.Gradients();
        for (var i = 0; i < result.IterationsCompleted; i++)
        {
            stepped.Forward(x, caches);
            stepped.Backward(y, caches, gradients);
            stepped.UpdateParameters(gradients, 1e20f);
        }
        AssertSameBits(stepped.W1, trained.W1, "W1");
        AssertSameBits(stepped.W6, trained.W6, "W6");
        AssertSameBits(stepped.B6, trained.B6, "B6");
    }

    [Fact]
    public void ALinearOutput_DivergesWhenItsSquaredErrorsOverflow()
    {
        const int m = 8, iterations = 40;
        var (x, y) = Batch(m, 40, 5, binary: false, seed: 6);
        var net = new NumericsSingleTiledLinear();
        net.InitializeParameters(1, WeightInit.He);

        var result = net.Train(x, y, new TrainingOptions { LearningRate = 1e20f, Iterations = iterations, ReportEvery = 100 });

        AssertDiverged(result, iterations);
        Assert.Equal(float.PositiveInfinity, result.FinalCost);
    }

    [Theory]
    [InlineData(Optimizer.GradientDescent)]
    [InlineData(Optimizer.Adam)]
    public void MiniBatchTraining_StopsAtTheFirstNonFiniteStep(Optimizer optimizer)
    {
        // The general loop (mini-batches, momentum, Adam, L2, dropout) checks every step's cost, recorded epoch or not.
        const int m = 8, epochs = 40;
        var (x, y) = Batch(m, 40, 5, binary: false, seed: 6);
        var net = new NumericsSingleTiledLinear();
        net.InitializeParameters(1, WeightInit.He);

        var result = net.Train(x, y, new TrainingOptions
        {
            LearningRate = optimizer == Optimizer.Adam ? 1e35f : 1e20f, Epochs = epochs, MiniBatchSize = 3, ReportEvery = 100,
            Optimizer = optimizer, L2 = 0.5f,
        });

        // The first epoch's steps may already overflow: the epoch is then 0, and no epoch was completed.
        Assert.True(result.Diverged, $"no divergence reported; final cost {result.FinalCost}");
        var at = result.DivergedAtIteration!.Value;
        Assert.InRange(at, 0, epochs - 1);
        Assert.Equal(at, result.IterationsCompleted);
        Assert.Equal(at, result.Costs[^1].Iteration);
        Assert.False(float.IsFinite(result.FinalCost));
    }

    [Fact]
    public void SoftmaxMiniBatchTraining_StopsAtTheFirstNonFiniteStep_InAnEpochThatIsNotRecorded()
    {
        // The step's cost is not computed in an epoch that is not recorded: its finiteness check must still stop Train.
        const int m = 12, epochs = 40;
        var (x, _) = Batch(m, 5, 1, binary: false, seed: 8);
        var y = NetGen.Tests.Training.SoftmaxSmall.OneHot(Enumerable.Range(0, m).Select(i => i % 4).ToArray());
        var net = new NetGen.Tests.Training.SoftmaxSmall();
        net.InitializeParameters(1, WeightInit.He);

        var result = net.Train(x, y, new TrainingOptions
        {
            LearningRate = 1e20f, Epochs = epochs, MiniBatchSize = 5, ReportEvery = 1000, Optimizer = Optimizer.Momentum,
        });

        Assert.True(result.Diverged, $"no divergence reported; final cost {result.FinalCost}");
        var at = result.DivergedAtIteration!.Value;
        Assert.InRange(at, 1, epochs - 2); // neither epoch 0 nor the last: both are recorded
        Assert.Equal(at, result.IterationsCompleted);
        Assert.Equal([0, at], result.Costs.Select(p => p.Iteration));
        Assert.True(float.IsFinite(result.Costs[0].Cost));
        Assert.False(float.IsFinite(result.FinalCost));
    }

    [Fact]
    public void ATrainingThatStaysFinite_DoesNotReportDivergence()
    {
        var (x, y) = Batch(16, 5, 1, binary: true, seed: 7);
        var net = new NumericsCourseNet();
        net.InitializeParameters(1, WeightInit.He);

        var result = net.Train(x, y, new TrainingOptions { LearningRate = 0.05f, Iterations = 30, ReportEvery = 10 });

        Assert.False(result.Diverged);
        Assert.Null(result.DivergedAtIteration);
        Assert.Equal(30, result.IterationsCompleted);
        Assert.Equal([0, 10, 20, 29], result.Costs.Select(p => p.Iteration));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(-0.1f)]
    [InlineData(0f)]
    public void UpdateParameters_RefusesALearningRateTrainingOptionsRefuses(float learningRate)
    {
        var net = new NumericsCourseNet();
        net.InitializeParameters(1);
        var before = net.W1.ToArray();
        var gradients = new NumericsCourseNet.Gradients();
        gradients.DW1.AsSpan().Fill(1f);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => net.UpdateParameters(gradients, learningRate));

        Assert.Equal("learningRate", error.ParamName);
        Assert.Contains("finite number greater than 0", error.Message);
        Assert.Equal(before, net.W1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { LearningRate = learningRate }.Validate());
    }

    sealed class Handler(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}

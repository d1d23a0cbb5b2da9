using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>The sequel's options: validation, how Epochs and Iterations relate, and which path Train takes.</summary>
public sealed class TrainingOptionsTests
{
    public static TheoryData<string, TrainingOptions> Invalid() => new()
    {
        { nameof(TrainingOptions.MiniBatchSize), new TrainingOptions { MiniBatchSize = -1 } },
        { nameof(TrainingOptions.Beta), new TrainingOptions { Beta = 1f } },
        { nameof(TrainingOptions.Beta1), new TrainingOptions { Beta1 = -0.1f } },
        { nameof(TrainingOptions.Beta2), new TrainingOptions { Beta2 = float.NaN } },
        { nameof(TrainingOptions.Epsilon), new TrainingOptions { Epsilon = 0f } },
        { nameof(TrainingOptions.L2), new TrainingOptions { L2 = -1f } },
        { nameof(TrainingOptions.KeepProbability), new TrainingOptions { KeepProbability = 0f } },
        { nameof(TrainingOptions.KeepProbability), new TrainingOptions { KeepProbability = 1.5f } },
        { nameof(TrainingOptions.ShuffleSeed), new TrainingOptions { ShuffleSeed = -1 } },
        { nameof(TrainingOptions.Optimizer), new TrainingOptions { Optimizer = (Optimizer)7 } },
        { nameof(TrainingOptions.Epochs), new TrainingOptions { Epochs = 10, Iterations = 20 } },
        { nameof(TrainingOptions.Iterations), new TrainingOptions { MiniBatchSize = 64, Iterations = 20 } },
        { nameof(TrainingOptions.FirstLayer), new TrainingOptions { FirstLayer = FirstLayerArithmetic.GramMatrix, Optimizer = Optimizer.Adam } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_NamesTheSettingThatCannotBeUsed(string setting, TrainingOptions options)
    {
        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void EpochsAndIterations_AreOneNumber()
    {
        Assert.Equal(2500, new TrainingOptions().Epochs);
        Assert.Equal(30, new TrainingOptions { Iterations = 30 }.Epochs);
        Assert.Equal(40, new TrainingOptions { Epochs = 40 }.Iterations);
        new TrainingOptions { Epochs = 40, Iterations = 40 }.Validate();
        new TrainingOptions { Epochs = 40, MiniBatchSize = 64 }.Validate();
    }

    [Fact]
    public void OnlyFullBatchPlainGradientDescent_TakesTheFastPaths()
    {
        Assert.True(new TrainingOptions().IsFullBatchGradientDescent);
        Assert.False(new TrainingOptions { MiniBatchSize = 64 }.IsFullBatchGradientDescent);
        Assert.False(new TrainingOptions { Optimizer = Optimizer.Momentum }.IsFullBatchGradientDescent);
        Assert.False(new TrainingOptions { Optimizer = Optimizer.Adam }.IsFullBatchGradientDescent);
        Assert.False(new TrainingOptions { L2 = 0.1f }.IsFullBatchGradientDescent);
        Assert.False(new TrainingOptions { KeepProbability = 0.9f }.IsFullBatchGradientDescent);
    }

    [Fact]
    public void FullBatchMomentum_IsTheCoursesMomentumOnTheReference()
    {
        // One path check through the general loop on a tiled network: the whole batch (no shuffle), momentum and L2, 3
        // epochs, against the reference network's gradients (with L2) and the momentum rule written out in double.
        const int m = 9;
        const float rate = 0.05f, beta = 0.8f, lambda = 0.3f;
        var net = new RegularizedWide();
        net.InitializeParameters(2, WeightInit.He);
        var x = Numerics.NumericAssert.Uniform(m * 300, seed: 1);
        var y = Numerics.NumericAssert.Labels(Activation.Sigmoid, m * 3, seed: 2);
        var reference = Numerics.ReferenceNetwork.FromParameters([300, 40, 3], Activation.ReLU, Activation.Sigmoid,
            l => l == 1 ? net.W1 : net.W2, l => l == 1 ? net.B1 : net.B2);
        reference.Lambda = lambda;

        var result = net.Train(x, y, new TrainingOptions { Epochs = 3, Optimizer = Optimizer.Momentum, Beta = beta, LearningRate = rate, L2 = lambda, ReportEvery = 1 });

        double[,] xc = Numerics.ReferenceNetwork.Columns(x, 300), yc = Numerics.ReferenceNetwork.Columns(y, 3);
        var velocityW = new double[3][,];
        var velocityB = new double[3][];
        for (var l = 1; l <= 2; l++) { velocityW[l] = new double[reference.Sizes[l], reference.Sizes[l - 1]]; velocityB[l] = new double[reference.Sizes[l]]; }
        for (var epoch = 0; epoch < 3; epoch++)
        {
            var caches = reference.Forward(xc);
            Assert.Equal(reference.Cost(caches.A[2], yc), result.Costs[epoch].Cost, 5);
            var g = reference.Backward(caches, yc);
            for (var l = 1; l <= 2; l++)
            {
                for (var j = 0; j < reference.Sizes[l]; j++)
                {
                    for (var k = 0; k < reference.Sizes[l - 1]; k++)
                    {
                        velocityW[l][j, k] = beta * velocityW[l][j, k] + (1 - beta) * g.DW[l][j, k];
                        reference.W[l][j, k] -= rate * velocityW[l][j, k];
                    }
                    velocityB[l][j] = beta * velocityB[l][j] + (1 - beta) * g.DB[l][j];
                    reference.B[l][j] -= rate * velocityB[l][j];
                }
            }
        }
        Numerics.NumericAssert.Close(Numerics.ReferenceNetwork.RowMajor(reference.W[1]), net.W1, 1e-5, "W1");
        Numerics.NumericAssert.Close(Numerics.ReferenceNetwork.RowMajor(reference.W[2]), net.W2, 1e-5, "W2");
        Numerics.NumericAssert.Close(reference.B[2], net.B2, 1e-5, "b2");
        Assert.Equal(3, result.IterationsCompleted);
    }
}
